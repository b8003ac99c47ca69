/**
 * Invocation summaries published as application events.
 */
@NullMarked
package dev.lambdaextension.summary;

import org.jspecify.annotations.NullMarked;
