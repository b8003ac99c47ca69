package dev.lambdaextension.client;

import java.net.ConnectException;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExtensionsApiExceptionTests {

	@Test
	void refusedConnectionShouldSayTheApiIsUnreachable() {
		ExtensionsApiException ex = new ExtensionsApiException("register", "127.0.0.1:9001",
				new ConnectException("Connection refused"));
		assertThat(ex.getMessage()).isEqualTo(
				"register failed: Lambda runtime API at 127.0.0.1:9001 is unreachable (ConnectException: Connection refused)");
		assertThat(ex.getStatus()).isZero();
	}

	@Test
	void connectionClosedWithoutAnAnswerShouldNotBeCalledUnreachable() {
		ExtensionsApiException ex = new ExtensionsApiException("next", "127.0.0.1:9001",
				new SocketException("Unexpected end of file from server"));
		assertThat(ex.getMessage()).isEqualTo("next failed: Lambda runtime API at 127.0.0.1:9001 gave no answer "
				+ "(SocketException: Unexpected end of file from server)");
	}

}
