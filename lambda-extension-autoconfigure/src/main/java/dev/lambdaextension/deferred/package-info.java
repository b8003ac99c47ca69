/**
 * Deferred initialisation: the beans the first {@code event/next} does not need (metrics,
 * health, Actuator endpoints) are created after it, so that they stay out of the
 * function's Init.
 */
@NullMarked
package dev.lambdaextension.deferred;

import org.jspecify.annotations.NullMarked;
