package dev.lambdaextension.telemetry;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TelemetryTypes}.
 */
class TelemetryTypesTests {

	@Test
	void streamsShouldHaveTheirWireNames() {
		assertThat(TelemetryStream.wireNames()).containsExactly("platform", "function", "extension");
		assertThat(TelemetryStream.fromWireName("function")).isEqualTo(TelemetryStream.FUNCTION);
		assertThat(TelemetryStream.fromWireName("platform.report")).isNull();
		assertThat(TelemetryStream.of("platform.report")).isEqualTo(TelemetryStream.PLATFORM);
	}

	@Test
	void streamOfShouldMapPlatformTypesToPlatform() {
		assertThat(TelemetryTypes.streamOf(TelemetryTypes.PLATFORM_REPORT)).isEqualTo("platform");
		assertThat(TelemetryTypes.streamOf("platform.initStart")).isEqualTo("platform");
		assertThat(TelemetryTypes.streamOf("platform.fault")).isEqualTo("platform");
	}

	@Test
	void streamOfShouldMapLogTypesToTheirStream() {
		assertThat(TelemetryTypes.streamOf(TelemetryTypes.FUNCTION)).isEqualTo("function")
			.isEqualTo("function");
		assertThat(TelemetryTypes.streamOf(TelemetryTypes.EXTENSION)).isEqualTo("extension")
			.isEqualTo("extension");
	}

	@Test
	void streamOfShouldMapAnyOtherTypeToPlatform() {
		assertThat(TelemetryTypes.streamOf("something.new")).isEqualTo("platform");
		assertThat(TelemetryTypes.streamOf("")).isEqualTo("platform");
	}

	@Test
	void typeOfShouldReturnTheWireTypeOfEachTypedView() {
		assertThat(TelemetryTypes.typeOf(PlatformInitStart.class)).isEqualTo("platform.initStart");
		assertThat(TelemetryTypes.typeOf(PlatformInitRuntimeDone.class)).isEqualTo("platform.initRuntimeDone");
		assertThat(TelemetryTypes.typeOf(PlatformInitReport.class)).isEqualTo("platform.initReport");
		assertThat(TelemetryTypes.typeOf(PlatformStart.class)).isEqualTo("platform.start");
		assertThat(TelemetryTypes.typeOf(PlatformRuntimeDone.class)).isEqualTo("platform.runtimeDone");
		assertThat(TelemetryTypes.typeOf(PlatformReport.class)).isEqualTo("platform.report");
		assertThat(TelemetryTypes.typeOf(PlatformRestoreStart.class)).isEqualTo("platform.restoreStart");
		assertThat(TelemetryTypes.typeOf(PlatformRestoreRuntimeDone.class)).isEqualTo("platform.restoreRuntimeDone");
		assertThat(TelemetryTypes.typeOf(PlatformRestoreReport.class)).isEqualTo("platform.restoreReport");
		assertThat(TelemetryTypes.typeOf(PlatformExtension.class)).isEqualTo("platform.extension");
		assertThat(TelemetryTypes.typeOf(PlatformTelemetrySubscription.class))
			.isEqualTo("platform.telemetrySubscription");
		assertThat(TelemetryTypes.typeOf(PlatformLogsDropped.class)).isEqualTo("platform.logsDropped");
		assertThat(TelemetryTypes.typeOf(FunctionLog.class)).isEqualTo("function");
		assertThat(TelemetryTypes.typeOf(ExtensionLog.class)).isEqualTo("extension");
	}

	@Test
	void typeOfShouldReturnNullForTypesCoveringSeveralEventTypes() {
		assertThat(TelemetryTypes.typeOf(TelemetryEvent.class)).isNull();
		assertThat(TelemetryTypes.typeOf(LogRecord.class)).isNull();
		assertThat(TelemetryTypes.typeOf(UnknownTelemetryEvent.class)).isNull();
	}

	@Test
	void isKnownShouldRecognizeEveryTypedViewType() {
		assertThat(TelemetryTypes.isKnown("platform.report")).isTrue();
		assertThat(TelemetryTypes.isKnown("function")).isTrue();
		assertThat(TelemetryTypes.isKnown("platform.fault")).isFalse();
	}

	@Test
	void isPlatformTypeShouldCheckThePrefix() {
		assertThat(TelemetryTypes.isPlatformType("platform.start")).isTrue();
		assertThat(TelemetryTypes.isPlatformType("function")).isFalse();
	}

	@Test
	void knownNamesShouldListStreamsThenTypes() {
		assertThat(TelemetryTypes.knownNames()).startsWith("platform", "function", "extension")
			.contains("platform.report", "platform.logsDropped")
			.hasSize(15);
	}

	@Test
	void closestMatchShouldSuggestANearMiss() {
		assertThat(TelemetryTypes.closestMatch("platform.reprot", TelemetryTypes.knownNames()))
			.isEqualTo("platform.report");
		assertThat(TelemetryTypes.closestMatch("platform.initreport", TelemetryTypes.knownNames()))
			.isEqualTo("platform.initReport");
		assertThat(TelemetryTypes.closestMatch("platfrom", List.of("platform", "function", "extension")))
			.isEqualTo("platform");
		assertThat(TelemetryTypes.closestMatch("functoin", TelemetryTypes.knownNames())).isEqualTo("function");
	}

	@Test
	void closestMatchShouldSuggestNothingWhenNothingIsClose() {
		assertThat(TelemetryTypes.closestMatch("platform.fault", TelemetryTypes.knownNames())).isNull();
		assertThat(TelemetryTypes.closestMatch("logs", List.of("platform", "function", "extension"))).isNull();
		assertThat(TelemetryTypes.closestMatch("", TelemetryTypes.knownNames())).isNull();
	}

}
