package dev.lambdaextension.test.emulator;

/**
 * An event waiting for an extension's next {@code event/next} call.
 *
 * @param type {@code INVOKE} or {@code SHUTDOWN}
 * @param body the JSON body to answer with
 */
record PendingEvent(String type, String body) {
}
