package org.hotline.session;

import java.time.Duration;
import java.util.Optional;
import org.hotline.config.HotlineConfig;

/**
 * The post-call survey as the call script runs it: its Asterisk sounds and how long each
 * question waits for its key after its prompt.
 */
public record SurveySettings(String intro, String csat, String nps, String ces, String thanks, Duration answerTimeout) {

    /** The survey of a validated config; empty when it is off. */
    static Optional<SurveySettings> from(HotlineConfig.SurveySection section) {
        if (section == null || !section.enabled()) {
            return Optional.empty();
        }
        HotlineConfig.SurveyPrompts p = section.prompts();
        return Optional.of(new SurveySettings(p.intro(), p.csat(), p.nps(), p.ces(), p.thanks(),
                Duration.ofSeconds(section.answerTimeoutSeconds())));
    }
}
