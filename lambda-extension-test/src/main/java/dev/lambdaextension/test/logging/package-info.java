/**
 * {@link dev.lambdaextension.test.logging.LogCapture}: a JUnit Jupiter extension that captures expected log
 * lines so that a test asserts them and they stay off the console.
 */
@NullMarked
package dev.lambdaextension.test.logging;

import org.jspecify.annotations.NullMarked;
