/**
 * Local HTTP endpoint that the Lambda Telemetry API pushes event batches to.
 */
@NullMarked
package dev.lambdaextension.telemetry.receiver;

import org.jspecify.annotations.NullMarked;
