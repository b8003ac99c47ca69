/**
 * A read-only view of the extension's state and counters, shared by the health indicator and the actuator
 * endpoint.
 */
@NullMarked
package dev.lambdaextension.status;

import org.jspecify.annotations.NullMarked;
