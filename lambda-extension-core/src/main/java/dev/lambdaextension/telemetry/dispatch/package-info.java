/**
 * In-process buffering of received telemetry and its hand-off, off the receiving
 * thread, to the consumers.
 */
@NullMarked
package dev.lambdaextension.telemetry.dispatch;

import org.jspecify.annotations.NullMarked;
