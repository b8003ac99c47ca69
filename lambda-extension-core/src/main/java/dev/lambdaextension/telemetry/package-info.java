/**
 * Immutable model of the events the Lambda Telemetry API delivers, and their parser.
 */
package dev.lambdaextension.telemetry;
