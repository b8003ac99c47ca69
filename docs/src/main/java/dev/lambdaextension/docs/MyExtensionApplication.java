package dev.lambdaextension.docs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Getting started: the application class.
 */
// tag::application[]
@SpringBootApplication
public class MyExtensionApplication {

	public static void main(String[] args) {
		SpringApplication.run(MyExtensionApplication.class, args);
	}

}
// end::application[]
