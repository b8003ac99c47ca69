/**
 * Auto-configuration of a Spring Boot application as an AWS Lambda extension.
 */
package dev.lambdaextension.autoconfigure;
