/**
 * Launches extension executables the way Lambda does and drives them through a full lifecycle.
 */
@NullMarked
package dev.lambdaextension.test.launcher;

import org.jspecify.annotations.NullMarked;
