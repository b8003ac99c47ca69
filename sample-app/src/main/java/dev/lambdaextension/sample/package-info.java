/**
 * The invocation reporter: a Lambda extension that joins each invocation's telemetry into one
 * summary and hands it to the configured sinks.
 */
@NullMarked
package dev.lambdaextension.sample;

import org.jspecify.annotations.NullMarked;
