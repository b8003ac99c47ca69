/**
 * Micrometer meters of the extension (lifecycle, telemetry pipeline) and, optionally,
 * of the function, derived from its telemetry.
 */
@NullMarked
package dev.lambdaextension.metrics;

import org.jspecify.annotations.NullMarked;
