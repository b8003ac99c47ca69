package dev.lambdaextension.docs.internal;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Internal extensions: a Java function whose handler starts the Spring Boot context, and
 * with it the internal extension, before the Java runtime's first invocation/next.
 */
// tag::handler[]
public class OrdersHandler {

	// The Java runtime loads this class, and so starts the context, before it asks for
	// the first invocation: the extension registers in time.
	private static final ConfigurableApplicationContext context = SpringApplication.run(OrdersFunction.class);

	public String handleRequest(Map<String, Object> order) {
		return context.getBean(OrderService.class).accept(order);
	}

	@SpringBootApplication
	static class OrdersFunction {

	}

}
// end::handler[]
