/**
 * The threads the extension runs on.
 */
@NullMarked
package dev.lambdaextension.concurrent;

import org.jspecify.annotations.NullMarked;
