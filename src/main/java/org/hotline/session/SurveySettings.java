package org.hotline.session;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hotline.config.HotlineConfig;
import org.hotline.ivr.IvrFlow;
import org.hotline.ivr.IvrRun;
import org.hotline.ivr.PromptSet;

/**
 * The post-call survey as the call script runs it: its Asterisk sounds, how long each question
 * waits for its key after its prompt, and whom it asks.
 *
 * @param optedInOnly true ({@code survey.who: opted-in}): only callers who passed an IVR node marked
 *                    {@code surveyOptIn}; false ({@code all}): every caller whose agent hung up first
 */
public record SurveySettings(String intro, String csat, String nps, String ces, String thanks, Duration answerTimeout,
                             boolean optedInOnly) {

    /** A survey that asks every caller. */
    public SurveySettings(String intro, String csat, String nps, String ces, String thanks, Duration answerTimeout) {
        this(intro, csat, nps, ces, thanks, answerTimeout, false);
    }

    /** The survey of a validated config; empty when it is off. */
    static Optional<SurveySettings> from(HotlineConfig.SurveySection section) {
        if (section == null || !section.enabled()) {
            return Optional.empty();
        }
        HotlineConfig.SurveyPrompts p = section.prompts();
        return Optional.of(new SurveySettings(p.intro(), p.csat(), p.nps(), p.ces(), p.thanks(),
                Duration.ofSeconds(section.answerTimeoutSeconds()),
                HotlineConfig.SurveySection.WHO_OPTED_IN.equals(section.who())));
    }

    /** Whether this caller is asked: everyone, or (opted-in) one whose IVR run passed an opt-in node. */
    boolean asks(IvrRun ivr) {
        return !optedInOnly || ivr != null && ivr.trace().surveyOptedIn();
    }

    /**
     * The survey in the language the caller's IVR run ended in: a sound under the flow's folder
     * ({@code hotline/survey-intro}) becomes that language's ({@code hotline/zh/survey-intro}), as
     * {@link PromptSet} lays them out. Without an IVR, or in its default language, unchanged; a
     * sound outside the flow's folder has no translations and stays as configured.
     */
    SurveySettings spokenIn(Optional<IvrFlow> flow, IvrRun ivr) {
        if (flow.isEmpty() || ivr == null) {
            return this;
        }
        PromptSet set = flow.get().languages();
        String language = ivr.trace().language();
        if (language == null || language.equals(set.defaultLanguage())) {
            return this;
        }
        String folder = set.soundPrefix() + "/";
        UnaryOperator<String> translate = sound -> sound.startsWith(folder)
                ? set.soundName(language, sound.substring(folder.length())) : sound;
        return new SurveySettings(translate.apply(intro), translate.apply(csat), translate.apply(nps),
                translate.apply(ces), translate.apply(thanks), answerTimeout, optedInOnly);
    }
}
