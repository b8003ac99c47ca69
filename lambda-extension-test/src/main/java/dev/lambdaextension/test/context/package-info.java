/**
 * Spring TestContext integration of {@code @EmbeddedLambdaEmulator}: the emulator as a bean of the test context.
 */
@NullMarked
package dev.lambdaextension.test.context;

import org.jspecify.annotations.NullMarked;
