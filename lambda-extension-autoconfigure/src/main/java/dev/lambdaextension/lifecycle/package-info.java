/**
 * The extension's lifecycle (register, {@code INVOKE}, {@code SHUTDOWN}) as Spring
 * application events, and the event loop that drives it.
 */
package dev.lambdaextension.lifecycle;
