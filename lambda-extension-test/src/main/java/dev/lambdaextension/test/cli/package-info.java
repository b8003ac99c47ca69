/**
 * Command-line runner that exercises a directory of extensions against the local emulator.
 */
@NullMarked
package dev.lambdaextension.test.cli;

import org.jspecify.annotations.NullMarked;
