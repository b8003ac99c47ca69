/**
 * Local HTTP endpoint that the Lambda Telemetry API pushes event batches to.
 */
package dev.lambdaextension.telemetry.receiver;
