package dev.lambdaextension.client;

/**
 * An error reported through {@code init/error} or {@code exit/error}.
 *
 * @param errorType the error type, in the {@code Category.Reason} form, for example
 * {@code Extension.ConfigInvalid}
 * @param errorMessage a readable message
 * @since 0.1.0
 */
public record ExtensionError(String errorType, String errorMessage) {

	public ExtensionError {
		errorType = singleLine(errorType);
		errorMessage = (errorMessage != null) ? errorMessage : "";
	}

	/**
	 * Create an error from an exception, naming it after the exception's class.
	 * @param category the category, for example {@code Extension}
	 * @param ex the exception
	 * @return the error
	 */
	public static ExtensionError of(String category, Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getName();
		return new ExtensionError(category + "." + ex.getClass().getSimpleName(), message);
	}

	private static String singleLine(String value) {
		StringBuilder result = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			result.append((c >= 0x20 && c < 0x7f) ? c : '_');
		}
		return result.toString();
	}

}
