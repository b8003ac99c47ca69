/**
 * Invocation summaries: the {@code platform.start}, {@code platform.runtimeDone} and
 * {@code platform.report} of one request id, joined.
 */
@NullMarked
package dev.lambdaextension.telemetry.summary;

import org.jspecify.annotations.NullMarked;
