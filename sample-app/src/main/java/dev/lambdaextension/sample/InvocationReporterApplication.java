package dev.lambdaextension.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A Lambda extension that joins each invocation's telemetry into one summary.
 */
@SpringBootApplication
@EnableConfigurationProperties(ReporterProperties.class)
public class InvocationReporterApplication {

	public static void main(String[] args) {
		SpringApplication.run(InvocationReporterApplication.class, args);
	}

}
