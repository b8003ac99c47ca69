/**
 * {@code @EmbeddedLambdaEmulator} and its Spring TestContext integration.
 */
@NullMarked
package dev.lambdaextension.test.context;

import org.jspecify.annotations.NullMarked;
