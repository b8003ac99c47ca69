package dev.lambdaextension.test.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP answer produced by the emulator for one request.
 */
record EmulatorResponse(int status, String body, Map<String, String> headers) {

	static EmulatorResponse json(int status, String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		return new EmulatorResponse(status, body, headers);
	}

	static EmulatorResponse error(int status, String errorType, String errorMessage) {
		return json(status, Json.write(Json.object("errorMessage", errorMessage, "errorType", errorType)));
	}

	EmulatorResponse withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new EmulatorResponse(this.status, this.body, copy);
	}

}
