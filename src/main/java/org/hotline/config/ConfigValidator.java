package org.hotline.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what the types alone cannot: ranges, references between sections, uniqueness. Each
 * section has its checks in a class of its own; this runs them in the file's order and passes
 * on what one section needs of another (the queues' skills to the agents, the queues and skills
 * to the IVR, the checked flow to the survey). Every problem of every section is reported at once.
 */
final class ConfigValidator {

    private final String source;

    ConfigValidator(String source) {
        this.source = source;
    }

    /**
     * A section written as {@code fastagi: ~} (or an empty list entry {@code - ~}) binds to null;
     * refused here, naming the key, before anything reads it.
     */
    static void requireSections(HotlineConfig c, String source) {
        List<String> empty = new ArrayList<>();
        Map<String, Object> sections = new LinkedHashMap<>();
        sections.put("fastagi", c.fastagi());
        sections.put("http", c.http());
        sections.put("ami", c.ami());
        sections.put("redis", c.redis());
        sections.put("center", c.center());
        sections.put("standards", c.standards());
        sections.put("prompts", c.prompts());
        sections.put("journal", c.journal());
        sections.put("survey", c.survey());
        sections.put("callbacks", c.callbacks());
        sections.forEach((key, value) -> {
            if (value == null) {
                empty.add(key + ": must be a mapping of its keys, not empty");
            }
        });
        Map<String, List<?>> lists = new LinkedHashMap<>();
        lists.put("queues", c.queues());
        lists.put("agents", c.agents());
        lists.put("supervisors", c.supervisors());
        lists.forEach((key, list) -> {
            if (list != null) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) == null) {
                        empty.add(key + "[" + i + "]: an empty entry");
                    }
                }
            }
        });
        if (!empty.isEmpty()) {
            throw new ConfigException(source, empty);
        }
    }

    /** @throws ConfigException listing every problem found, when there is one */
    void validate(HotlineConfig c) {
        ConfigProblems problems = new ConfigProblems();
        ConnectionConfigChecks.fastAgi(c.fastagi(), problems);
        ConnectionConfigChecks.http(c.http(), problems);
        ConnectionConfigChecks.journal(c.journal(), problems);
        ConnectionConfigChecks.ami(c.ami(), problems);
        ConnectionConfigChecks.redis(c.redis(), problems);
        CenterConfigChecks.center(c.center(), problems);
        CenterConfigChecks.standards(c.standards(), problems);
        CenterConfigChecks.prompts(c.prompts(), problems);
        RoutingConfigChecks.Queues queues = RoutingConfigChecks.queues(c.queues(), problems);
        Set<String> agentIds = StaffConfigChecks.agents(c.agents(), queues.skills(), problems);
        StaffConfigChecks.supervisors(c.supervisors(), agentIds, problems);
        IvrConfigChecks ivr = new IvrConfigChecks(problems);
        ivr.ivr(c.ivr(), queues.names(), queues.skills());
        ivr.survey(c.survey());
        CallbacksConfigChecks.callbacks(c.callbacks(), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.messages());
        }
    }
}
