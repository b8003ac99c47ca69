/**
 * Maven plugin that packages a Spring Boot Lambda extension as a Lambda layer zip.
 */
@NullMarked
package dev.lambdaextension.maven;

import org.jspecify.annotations.NullMarked;
