/**
 * Immutable model of the events the Lambda Telemetry API delivers, and their parser.
 */
@NullMarked
package dev.lambdaextension.telemetry;

import org.jspecify.annotations.NullMarked;
