package dev.lambdaextension.test.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a tiny single-file Java extension and shell launchers for it, the way a Lambda layer ships a JVM
 * extension.
 */
public final class FakeExtensions {

	private static final String SOURCE = """
			import java.net.URI;
			import java.net.http.HttpClient;
			import java.net.http.HttpRequest;
			import java.net.http.HttpResponse;
			import java.util.concurrent.CountDownLatch;

			public class FakeExtension {

				public static void main(String[] args) throws Exception {
					String name = args[0];
					String mode = (args.length > 1) ? args[1] : "normal";
					String api = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2020-01-01/extension/";
					HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
					HttpResponse<String> registration = client.send(HttpRequest.newBuilder(URI.create(api + "register"))
						.header("Lambda-Extension-Name", name)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString("{\\"events\\":[\\"INVOKE\\",\\"SHUTDOWN\\"]}"))
						.build(), HttpResponse.BodyHandlers.ofString());
					if (registration.statusCode() != 200) {
						System.err.println("register failed " + registration.statusCode() + " " + registration.body());
						System.exit(3);
					}
					String id = registration.headers().firstValue("Lambda-Extension-Identifier").orElseThrow();
					System.out.println("registered as " + name + " for " + System.getenv("AWS_LAMBDA_FUNCTION_NAME")
							+ " handler-visible=" + (System.getenv("_HANDLER") != null));
					if ("crash".equals(mode)) {
						System.exit(4);
					}
					if ("init-error".equals(mode)) {
						System.err.println("license key missing");
						HttpResponse<String> error = client.send(HttpRequest.newBuilder(URI.create(api + "init/error"))
							.header("Lambda-Extension-Identifier", id)
							.header("Lambda-Extension-Function-Error-Type", "Extension.ConfigInvalid")
							.POST(HttpRequest.BodyPublishers.ofString(
									"{\\"errorMessage\\":\\"license key missing\\",\\"errorType\\":\\"ConfigError\\"}"))
							.build(), HttpResponse.BodyHandlers.ofString());
						System.out.println("init/error answered " + error.statusCode());
						System.exit(1);
					}
					while (true) {
						HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create(api + "event/next"))
							.header("Lambda-Extension-Identifier", id)
							.GET()
							.build(), HttpResponse.BodyHandlers.ofString());
						if (next.statusCode() != 200) {
							System.err.println("next failed " + next.statusCode() + " " + next.body());
							System.exit(5);
						}
						String body = next.body();
						if (body.contains("\\"SHUTDOWN\\"")) {
							System.out.println("shutdown " + field(body, "shutdownReason"));
							if ("ignore-shutdown".equals(mode)) {
								new CountDownLatch(1).await();
							}
							System.exit(0);
						}
						System.out.println("invoke " + field(body, "requestId"));
					}
				}

				private static String field(String json, String name) {
					int start = json.indexOf("\\"" + name + "\\":\\"") + name.length() + 4;
					return json.substring(start, json.indexOf('"', start));
				}

			}
			""";

	private FakeExtensions() {
	}

	/**
	 * Write {@code FakeExtension.java} into {@code root} and an executable launcher {@code root/extensions/name}.
	 * @return the extensions directory
	 */
	public static Path write(Path root, String name, String mode) throws IOException {
		Path source = root.resolve("FakeExtension.java");
		if (!Files.exists(source)) {
			Files.writeString(source, SOURCE);
		}
		Path extensions = Files.createDirectories(root.resolve("extensions"));
		String java = ProcessHandle.current().info().command().orElse("java");
		Path script = extensions.resolve(name);
		Files.writeString(script, "#!/bin/sh\nexec \"" + java + "\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k \""
				+ source.toAbsolutePath() + "\" \"$(basename \"$0\")\" " + mode + "\n");
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		return extensions;
	}

	/**
	 * Write an executable {@code /bin/sh} script {@code root/extensions/name}.
	 * @return the extensions directory
	 */
	public static Path writeScript(Path root, String name, String body) throws IOException {
		Path extensions = Files.createDirectories(root.resolve("extensions"));
		Path script = extensions.resolve(name);
		Files.writeString(script, "#!/bin/sh\n" + body);
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
		return extensions;
	}

}
