/**
 * In-process emulator of the AWS Lambda Extensions API and Telemetry API for tests and local runs.
 */
@NullMarked
package dev.lambdaextension.test.emulator;

import org.jspecify.annotations.NullMarked;
