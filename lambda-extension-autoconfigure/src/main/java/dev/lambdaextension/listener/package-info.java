/**
 * Infrastructure behind {@link dev.lambdaextension.telemetry.TelemetryListener}: detection
 * of annotated methods, endpoints that validate and invoke them, the registry that
 * delivers dispatched batches, and error handling.
 */
package dev.lambdaextension.listener;
