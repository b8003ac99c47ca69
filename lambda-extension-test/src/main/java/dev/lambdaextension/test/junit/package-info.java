/**
 * {@code @EmbeddedLambdaEmulator} and the JUnit Jupiter extension that runs an emulator per test class.
 */
@NullMarked
package dev.lambdaextension.test.junit;

import org.jspecify.annotations.NullMarked;
