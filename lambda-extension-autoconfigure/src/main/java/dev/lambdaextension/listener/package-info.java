/**
 * Infrastructure behind {@link dev.lambdaextension.telemetry.TelemetryListener}: detection
 * of annotated methods, endpoints that validate and invoke them, the registry that
 * delivers dispatched batches, and error handling.
 */
@NullMarked
package dev.lambdaextension.listener;

import org.jspecify.annotations.NullMarked;
