package org.hotline.config;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks of how the center works: {@code center}, {@code standards} and {@code prompts}. */
final class CenterConfigChecks {

    private CenterConfigChecks() {
    }

    static void center(HotlineConfig.CenterSection center, ConfigProblems problems) {
        problems.required("center.name", center.name());
        try {
            ZoneId.of(center.timeZone() == null ? "" : center.timeZone());
        } catch (DateTimeException e) {
            problems.add("center.timeZone: '" + center.timeZone() + "' is not a time zone (e.g. UTC, America/New_York)");
        }
        if (center.agentChannel() == null || !center.agentChannel().contains("{extension}")) {
            problems.add("center.agentChannel: must contain {extension}, e.g. PJSIP/{extension}");
        }
        problems.between("center.waitPollMillis", center.waitPollMillis(), 100, 10_000);
        problems.between("center.busyAgentRetrySeconds", center.busyAgentRetrySeconds(), 0, 3600);
        if (center.defaultRegion() == null
                || !PhoneNumberUtil.getInstance().getSupportedRegions().contains(center.defaultRegion())) {
            problems.add("center.defaultRegion: '" + center.defaultRegion()
                    + "' is not a region code (ISO 3166 alpha-2, upper case, e.g. US, GB, CN)");
        }
        problems.between("center.wrapUpSeconds", center.wrapUpSeconds(), 0, 3600);
        problems.required("center.greeting", center.greeting());
        problems.required("center.greetingUnknownCaller", center.greetingUnknownCaller());
        words("center.pauseReasons", center.pauseReasons(), problems);
        words("center.dispositionCodes", center.dispositionCodes(), problems);
    }

    static void standards(HotlineConfig.StandardsSection s, ConfigProblems problems) {
        if (!(s.ringCadenceSeconds() >= 0.5 && s.ringCadenceSeconds() <= 20)) {
            problems.add("standards.ringCadenceSeconds: " + s.ringCadenceSeconds()
                    + " is outside 0.5..20 (6 North America, 5 China, 3 UK)");
        }
        problems.between("standards.systemAnswerRings", s.systemAnswerRings(), 1, 20);
        problems.between("standards.agentRingLimitRings", s.agentRingLimitRings(), 1, 20);
        problems.between("standards.missedRingsBeforePause", s.missedRingsBeforePause(), 1, 100);
        if (!(s.apologyAfterRings() >= 0 && s.apologyAfterRings() <= 1000)) {
            problems.add("standards.apologyAfterRings: " + s.apologyAfterRings() + " is outside 0..1000");
        }
        problems.between("standards.serviceLevelSeconds", s.serviceLevelSeconds(), 1, 3600);
        if (!(s.serviceLevelTarget() >= 0 && s.serviceLevelTarget() <= 100)) {
            problems.add("standards.serviceLevelTarget: " + s.serviceLevelTarget() + " is outside 0..100 (percent)");
        }
        problems.between("standards.fcrWindowDays", s.fcrWindowDays(), 1, 90);
    }

    static void prompts(HotlineConfig.PromptsSection p, ConfigProblems problems) {
        problems.required("prompts.welcome", p.welcome());
        problems.required("prompts.apology", p.apology());
        problems.required("prompts.agentApologyCue", p.agentApologyCue());
        problems.required("prompts.musicClass", p.musicClass());
        problems.required("prompts.maxWaitReached", p.maxWaitReached());
    }

    /** A non-empty list of distinct short words (they travel in URLs, JSON and Redis). */
    private static void words(String key, List<String> values, ConfigProblems problems) {
        if (values == null || values.isEmpty()) {
            problems.add(key + ": give at least one");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (ConfigProblems.isBlank(v) || !v.matches("[A-Za-z0-9_-]{1,40}")) {
                problems.add(key + "[" + i + "]: '" + v + "' must be 1-40 letters, digits, '-' or '_'");
            } else if (!seen.add(v)) {
                problems.add(key + "[" + i + "]: '" + v + "' is listed twice");
            }
        }
    }
}
