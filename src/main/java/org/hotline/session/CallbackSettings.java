package org.hotline.session;

import java.time.Duration;
import java.util.Optional;
import org.hotline.config.HotlineConfig;

/**
 * Callbacks as the call script and the callback desk run them.
 *
 * @param customerDialString how Asterisk dials the customer, with {@code {number}}
 * @param agiUrl             the FastAGI address the answered agent's channel runs
 * @param customerRing       how long each try rings the customer
 * @param tries              tries in all before the callback fails (the customer not answering)
 * @param retryAfter         between two tries
 */
public record CallbackSettings(String customerDialString, String agiUrl, Duration customerRing, int tries,
                               Duration retryAfter, int minDigits, int maxDigits, String offerPrompt,
                               String numberPrompt, String confirmedPrompt, String greetingPrompt) {

    /** The callbacks of a validated config; empty when they are off. */
    public static Optional<CallbackSettings> from(HotlineConfig.CallbacksSection section) {
        if (section == null || !section.enabled()) {
            return Optional.empty();
        }
        HotlineConfig.CallbackPrompts p = section.prompts();
        return Optional.of(new CallbackSettings(section.customerDialString(), section.agiUrl(),
                Duration.ofSeconds(section.customerRingSeconds()), section.tries(),
                Duration.ofSeconds(section.retryAfterSeconds()), section.minDigits(), section.maxDigits(),
                p.offer(), p.number(), p.confirmed(), p.greeting()));
    }

    /** The dial string of the customer's {@code number} (digits and an optional leading +). */
    String dialStringOf(String number) {
        return customerDialString.replace("{number}", number);
    }
}
