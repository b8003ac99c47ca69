/**
 * Flush policies: when the library calls the user's {@link dev.lambdaextension.flush.TelemetryFlusher} beans.
 */
@NullMarked
package dev.lambdaextension.flush;

import org.jspecify.annotations.NullMarked;
