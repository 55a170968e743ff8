package org.hotline.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks what the types alone cannot: ranges, references between sections, uniqueness. */
final class ConfigValidator {

    private final String source;
    private final List<String> problems = new ArrayList<>();

    ConfigValidator(String source) {
        this.source = source;
    }

    void validate(HotlineConfig c) {
        required("fastagi.host", c.fastagi().host());
        port("fastagi.port", c.fastagi().port());
        atLeast("fastagi.maxLineLength", c.fastagi().maxLineLength(), 256);
        atLeast("fastagi.maxEnvironmentLines", c.fastagi().maxEnvironmentLines(), 16);
        atLeast("fastagi.idleTimeoutSeconds", c.fastagi().idleTimeoutSeconds(), 1);
        required("http.host", c.http().host());
        port("http.port", c.http().port());
        if (c.http().apiToken() == null || c.http().apiToken().length() < 8) {
            problems.add("http.apiToken: set a token of at least 8 characters, here or in "
                    + ConfigLoader.API_TOKEN_ENV);
        }
        required("ami.host", c.ami().host());
        port("ami.port", c.ami().port());
        required("ami.username", c.ami().username());
        required("ami.secret", c.ami().secret());
        atLeast("ami.pingIntervalSeconds", c.ami().pingIntervalSeconds(), 1);
        required("redis.host", c.redis().host());
        port("redis.port", c.redis().port());
        required("redis.keyPrefix", c.redis().keyPrefix());
        atLeast("redis.callRetentionDays", c.redis().callRetentionDays(), 1);
        center(c.center());
        standards(c.standards());
        prompts(c.prompts());
        Set<String> skills = queues(c.queues());
        agents(c.agents(), skills);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }

    private void center(HotlineConfig.CenterSection center) {
        required("center.name", center.name());
        try {
            ZoneId.of(center.timeZone() == null ? "" : center.timeZone());
        } catch (DateTimeException e) {
            problems.add("center.timeZone: '" + center.timeZone() + "' is not a time zone (e.g. UTC, America/New_York)");
        }
        if (center.agentChannel() == null || !center.agentChannel().contains("{extension}")) {
            problems.add("center.agentChannel: must contain {extension}, e.g. PJSIP/{extension}");
        }
        between("center.waitPollMillis", center.waitPollMillis(), 100, 10_000);
        between("center.busyAgentRetrySeconds", center.busyAgentRetrySeconds(), 0, 3600);
    }

    private void standards(HotlineConfig.StandardsSection s) {
        if (!(s.ringCadenceSeconds() >= 0.5 && s.ringCadenceSeconds() <= 20)) {
            problems.add("standards.ringCadenceSeconds: " + s.ringCadenceSeconds()
                    + " is outside 0.5..20 (6 North America, 5 China, 3 UK)");
        }
        between("standards.systemAnswerRings", s.systemAnswerRings(), 1, 20);
        between("standards.agentRingLimitRings", s.agentRingLimitRings(), 1, 20);
        between("standards.missedRingsBeforePause", s.missedRingsBeforePause(), 1, 100);
        if (!(s.apologyAfterRings() >= 0 && s.apologyAfterRings() <= 1000)) {
            problems.add("standards.apologyAfterRings: " + s.apologyAfterRings() + " is outside 0..1000");
        }
        between("standards.serviceLevelSeconds", s.serviceLevelSeconds(), 1, 3600);
    }

    private void prompts(HotlineConfig.PromptsSection p) {
        required("prompts.welcome", p.welcome());
        required("prompts.apology", p.apology());
        required("prompts.agentApologyCue", p.agentApologyCue());
        required("prompts.musicClass", p.musicClass());
    }

    private Set<String> queues(List<HotlineConfig.QueueSection> queues) {
        Set<String> skills = new HashSet<>();
        if (queues == null || queues.isEmpty()) {
            problems.add("queues: configure at least one queue");
            return skills;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < queues.size(); i++) {
            HotlineConfig.QueueSection q = queues.get(i);
            String key = "queues[" + i + "]";
            if (isBlank(q.name()) || !q.name().matches("[A-Za-z0-9_-]+")) {
                problems.add(key + ".name: '" + q.name() + "' must be letters, digits, '-' or '_'");
            } else if (!names.add(q.name())) {
                problems.add(key + ".name: queue '" + q.name() + "' is configured twice");
            }
            if (isBlank(q.skill())) {
                problems.add(key + ".skill: required (the skill an agent needs to take this queue's calls)");
            } else {
                skills.add(q.skill());
            }
        }
        return skills;
    }

    private void agents(List<HotlineConfig.AgentSection> agents, Set<String> queueSkills) {
        if (agents == null || agents.isEmpty()) {
            problems.add("agents: configure at least one agent");
            return;
        }
        Set<String> ids = new HashSet<>();
        Set<String> extensions = new HashSet<>();
        for (int i = 0; i < agents.size(); i++) {
            HotlineConfig.AgentSection a = agents.get(i);
            String key = "agents[" + i + "]";
            if (isBlank(a.id()) || !a.id().matches("[A-Za-z0-9_-]+")) {
                problems.add(key + ".id: '" + a.id() + "' must be letters, digits, '-' or '_'");
            } else if (!ids.add(a.id())) {
                problems.add(key + ".id: agent '" + a.id() + "' is configured twice");
            }
            required(key + ".name", a.name());
            if (isBlank(a.extension()) || !a.extension().matches("[A-Za-z0-9_.-]+")) {
                problems.add(key + ".extension: '" + a.extension() + "' is not a phone extension");
            } else if (!extensions.add(a.extension())) {
                problems.add(key + ".extension: '" + a.extension() + "' belongs to two agents");
            }
            if (a.skills() == null || a.skills().isEmpty()) {
                problems.add(key + ".skills: give the agent at least one skill");
            } else {
                for (String skill : a.skills()) {
                    if (!queueSkills.contains(skill)) {
                        problems.add(key + ".skills: no queue uses skill '" + skill + "' (queue skills: "
                                + String.join(", ", queueSkills.stream().sorted().toList()) + ")");
                    }
                }
            }
        }
    }

    private void required(String key, String value) {
        if (isBlank(value)) {
            problems.add(key + ": required");
        }
    }

    private void port(String key, int value) {
        between(key, value, 1, 65535);
    }

    private void atLeast(String key, int value, int min) {
        if (value < min) {
            problems.add(key + ": " + value + " is below the minimum " + min);
        }
    }

    private void between(String key, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(key + ": " + value + " is outside " + min + ".." + max);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
