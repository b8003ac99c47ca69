/**
 * Auto-configuration of a Spring Boot application as an AWS Lambda extension.
 */
@NullMarked
package dev.lambdaextension.autoconfigure;

import org.jspecify.annotations.NullMarked;
