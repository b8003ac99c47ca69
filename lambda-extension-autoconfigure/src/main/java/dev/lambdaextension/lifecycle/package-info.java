/**
 * The extension's lifecycle (register, {@code INVOKE}, {@code SHUTDOWN}) as Spring
 * application events, and the event loop that drives it.
 */
@NullMarked
package dev.lambdaextension.lifecycle;

import org.jspecify.annotations.NullMarked;
