package dev.lambdaextension.test.emulator;

/**
 * Log format of the emulated function ({@code LoggingConfig.LogFormat}).
 *
 * @since 0.1.0
 */
public enum LogFormat {

	/**
	 * Plain text: function log records are strings.
	 */
	TEXT,

	/**
	 * JSON: function log records are objects for subscribers using schema 2022-12-13 or later.
	 */
	JSON

}
