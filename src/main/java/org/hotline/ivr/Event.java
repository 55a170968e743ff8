package org.hotline.ivr;

/** What the call script reports back to an {@link IvrRun} after performing a {@link Step}. */
public sealed interface Event {

    /** A {@link Step.Play} or {@link Step.Say} ended; {@code digit} is the key that stopped it, or null. */
    record Played(String digit) implements Event {
    }

    /** A {@link Step.Collect} ended with the keys pressed, or null when none was pressed in time. */
    record Digits(String text) implements Event {
    }

    /** A {@link Step.Lookup} found {@code value}, or nothing (null). */
    record LookupResult(String value) implements Event {
    }

    /**
     * A {@link Step.CallbackOffer} was accepted or declined; {@code number} is the number to call
     * back, null for the caller's own.
     */
    record CallbackAnswer(boolean accepted, String number) implements Event {
        public static CallbackAnswer declined() {
            return new CallbackAnswer(false, null);
        }
    }
}
