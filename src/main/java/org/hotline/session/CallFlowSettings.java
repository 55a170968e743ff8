package org.hotline.session;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.config.HotlineConfig;
import org.hotline.ivr.IvrFlow;
import org.hotline.standards.Greeting;
import org.hotline.standards.PhoneStandards;

/**
 * What a hotline call's session needs from the configuration.
 *
 * @param agentChannel dial string pattern with {@code {extension}}, e.g. {@code PJSIP/{extension}}
 * @param survey       the post-call survey; empty when it is off
 */
public record CallFlowSettings(
        String queue,
        String skill,
        String agentChannel,
        Duration waitPoll,
        String welcomePrompt,
        String apologyPrompt,
        String agentApologyCue,
        String musicClass,
        PhoneStandards standards,
        Greeting greeting,
        Duration maxWait,
        String maxWaitPrompt,
        Optional<IvrFlow> ivr,
        Map<String, HotlineConfig.QueueSection> queues,
        Optional<SurveySettings> survey) {

    /** Settings without a post-call survey. */
    public CallFlowSettings(String queue, String skill, String agentChannel, Duration waitPoll, String welcomePrompt,
                            String apologyPrompt, String agentApologyCue, String musicClass, PhoneStandards standards,
                            Greeting greeting, Duration maxWait, String maxWaitPrompt, Optional<IvrFlow> ivr,
                            Map<String, HotlineConfig.QueueSection> queues) {
        this(queue, skill, agentChannel, waitPoll, welcomePrompt, apologyPrompt, agentApologyCue, musicClass, standards,
                greeting, maxWait, maxWaitPrompt, ivr, queues, Optional.empty());
    }

    public static CallFlowSettings from(HotlineConfig config, PhoneStandards standards) {
        HotlineConfig.QueueSection queue = config.queues().get(0);
        return new CallFlowSettings(queue.name(), queue.skill(), config.center().agentChannel(),
                Duration.ofMillis(config.center().waitPollMillis()), config.prompts().welcome(),
                config.prompts().apology(), config.prompts().agentApologyCue(), config.prompts().musicClass(),
                standards, new Greeting(config.center().name(), config.center().greeting(),
                        config.center().greetingUnknownCaller()),
                Duration.ofSeconds(queue.maxWaitSeconds()), config.prompts().maxWaitReached(), config.ivr().flow(),
                byName(config.queues()), SurveySettings.from(config.survey()));
    }

    private static Map<String, HotlineConfig.QueueSection> byName(List<HotlineConfig.QueueSection> queues) {
        Map<String, HotlineConfig.QueueSection> map = new LinkedHashMap<>();
        queues.forEach(q -> map.put(q.name(), q));
        return Map.copyOf(map);
    }

    /** The queue named {@code name}, or the first one (the route's queue was validated at start). */
    public HotlineConfig.QueueSection queueNamed(String name) {
        HotlineConfig.QueueSection q = queues == null ? null : queues.get(name);
        return q != null ? q : new HotlineConfig.QueueSection(queue, skill, (int) maxWait.toSeconds(), List.of());
    }

    public String dialStringOf(String extension) {
        return HotlineConfig.CenterSection.dialString(agentChannel, extension);
    }
}
