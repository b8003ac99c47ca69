package dev.lambdaextension.autoconfigure;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.lambdaextension.test.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ExtensionNameResolver}.
 */
class ExtensionNameResolverTests {

	@RegisterExtension
	final LogCapture logs = LogCapture.of(ExtensionNameResolver.class);

	@Test
	void launcherFileNameShouldBeTheScriptInAnExtensionsDirectory() {
		assertThat(ExtensionNameResolver.launcherFileName(List.of("/bin/sh", "/opt/extensions/invocation-reporter")))
			.isEqualTo("invocation-reporter");
		assertThat(ExtensionNameResolver.launcherFileName(List.of("/opt/extensions/reporter", "-x")))
			.isEqualTo("reporter");
	}

	@Test
	void launcherFileNameShouldBeNullWithoutAnExtensionsDirectory() {
		assertThat(ExtensionNameResolver.launcherFileName(List.of("/usr/bin/java", "-jar", "/opt/app/app.jar")))
			.isNull();
		assertThat(ExtensionNameResolver.launcherFileName(List.of("extensions", "\u0000"))).isNull();
	}

	@Test
	void internalNameShouldDefaultToTheApplicationNameThenToAFixedName(@TempDir Path extensions) {
		assertThat(ExtensionNameResolver.resolveInternal(null,
				new MockEnvironment().withProperty("spring.application.name", "orders"), extensions))
			.isEqualTo("orders");
		assertThat(ExtensionNameResolver.resolveInternal(null, new MockEnvironment(), extensions))
			.isEqualTo(ExtensionNameResolver.INTERNAL_DEFAULT_NAME);
	}

	@Test
	void internalNameShouldNeverBeThatOfAnExternalExtension(@TempDir Path extensions) throws IOException {
		Files.createFile(extensions.resolve("telemetry-agent"));
		assertThat(ExtensionNameResolver.resolveInternal("telemetry-agent", new MockEnvironment(), extensions))
			.isEqualTo("telemetry-agent-internal");
		assertThat(this.logs.messages(Level.WARNING)).singleElement()
			.asString()
			.startsWith("An external extension is named 'telemetry-agent'")
			.endsWith("registering the internal extension as 'telemetry-agent-internal' instead");
	}

	@Test
	void propertyShouldWinOverApplicationName() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "app");
		assertThat(ExtensionNameResolver.resolve(" reporter ", environment)).isEqualTo("reporter");
	}

	@Test
	void applicationNameShouldBeTheLastResort() {
		assertThat(ExtensionNameResolver.resolve(null, new MockEnvironment().withProperty("spring.application.name", "app")))
			.isEqualTo("app");
	}

	@Test
	void noNameShouldFailSayingHowToSetIt() {
		assertThatExceptionOfType(ExtensionNameResolver.ExtensionNameMissingException.class)
			.isThrownBy(() -> ExtensionNameResolver.resolve(" ", new MockEnvironment()))
			.withMessageContaining("set lambda.extension.name");
	}

}
