package dev.lambdaextension.test.emulator;

import java.time.Instant;

/**
 * One attempt to deliver a telemetry batch to a subscriber.
 *
 * @param extensionName the subscriber
 * @param attempt the attempt number, starting at 1
 * @param status the HTTP status the listener answered, or {@code -1} on an I/O error
 * @param itemCount number of events in the batch
 * @param byteSize size of the JSON array in bytes
 * @param body the JSON array that was posted
 * @param sentAt when the attempt completed
 * @since 0.1.0
 */
public record DeliveredBatch(String extensionName, int attempt, int status, int itemCount, int byteSize, String body,
		Instant sentAt) {

	/**
	 * Return whether the listener accepted the batch.
	 * @return whether the status was 2xx
	 */
	public boolean successful() {
		return this.status >= 200 && this.status < 300;
	}

}
