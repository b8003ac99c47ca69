/**
 * Plain-Java client for the AWS Lambda Extensions API and Telemetry API subscription.
 */
@NullMarked
package dev.lambdaextension.client;

import org.jspecify.annotations.NullMarked;
