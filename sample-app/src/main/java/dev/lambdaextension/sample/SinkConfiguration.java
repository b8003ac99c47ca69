package dev.lambdaextension.sample;

import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The summary sinks: the log always, a JSON-lines file when {@code reporter.file} is set.
 */
@Configuration(proxyBeanMethods = false)
class SinkConfiguration {

	@Bean
	LoggingSummarySink loggingSummarySink() {
		return new LoggingSummarySink();
	}

	@Bean
	@ConditionalOnProperty("reporter.file")
	FileSummarySink fileSummarySink(ReporterProperties properties) {
		return new FileSummarySink(Objects.requireNonNull(properties.getFile(), "reporter.file"));
	}

}
