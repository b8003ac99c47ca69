package dev.lambdaextension.test.emulator;

/**
 * Internal signal carrying an error answer out of a request handler.
 */
final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient EmulatorResponse response;

	ApiException(int status, String errorType, String errorMessage) {
		super(errorType + ": " + errorMessage, null, false, false);
		this.response = EmulatorResponse.error(status, errorType, errorMessage);
	}

	EmulatorResponse response() {
		return this.response;
	}

}
