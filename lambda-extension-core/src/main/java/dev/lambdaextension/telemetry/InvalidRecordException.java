package dev.lambdaextension.telemetry;

/**
 * Thrown while mapping one event whose record does not fit its typed view. Carries no
 * stack trace and never any payload, only the name of the offending field.
 */
final class InvalidRecordException extends RuntimeException {

	InvalidRecordException(String message) {
		super(message, null, false, false);
	}

}
