/**
 * Actuator endpoint describing the Lambda extension.
 */
@NullMarked
package dev.lambdaextension.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
