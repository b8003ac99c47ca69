/**
 * In-process buffering of received telemetry and its hand-off, off the receiving
 * thread, to the consumers.
 */
package dev.lambdaextension.telemetry.dispatch;
