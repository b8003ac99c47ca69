/**
 * Spring Boot health indicator of the Lambda extension.
 */
@NullMarked
package dev.lambdaextension.health;

import org.jspecify.annotations.NullMarked;
