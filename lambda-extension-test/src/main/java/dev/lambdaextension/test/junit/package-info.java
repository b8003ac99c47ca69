/**
 * JUnit Jupiter support for the Lambda emulator.
 */
@NullMarked
package dev.lambdaextension.test.junit;

import org.jspecify.annotations.NullMarked;
