/**
 * Plain-Java client for the AWS Lambda Extensions API and Telemetry API subscription.
 */
package dev.lambdaextension.client;
