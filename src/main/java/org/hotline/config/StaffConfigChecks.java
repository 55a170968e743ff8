package org.hotline.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks of who works the center: {@code agents} and {@code supervisors}, and their logins. */
final class StaffConfigChecks {

    private StaffConfigChecks() {
    }

    /** @return the agents' ids (supervisors may not reuse one) */
    static Set<String> agents(List<HotlineConfig.AgentSection> agents, Set<String> queueSkills,
                              ConfigProblems problems) {
        Set<String> ids = new HashSet<>();
        if (agents == null || agents.isEmpty()) {
            problems.add("agents: configure at least one agent");
            return ids;
        }
        Set<String> extensions = new HashSet<>();
        for (int i = 0; i < agents.size(); i++) {
            HotlineConfig.AgentSection a = agents.get(i);
            String key = "agents[" + i + "]";
            if (ConfigProblems.isBlank(a.id()) || !a.id().matches("[A-Za-z0-9_-]+")) {
                problems.add(key + ".id: '" + a.id() + "' must be letters, digits, '-' or '_'");
            } else if (!ids.add(a.id())) {
                problems.add(key + ".id: agent '" + a.id() + "' is configured twice");
            }
            problems.required(key + ".name", a.name());
            if (ConfigProblems.isBlank(a.extension()) || !a.extension().matches("[A-Za-z0-9_.-]+")) {
                problems.add(key + ".extension: '" + a.extension() + "' is not a phone extension");
            } else if (!extensions.add(a.extension())) {
                problems.add(key + ".extension: '" + a.extension() + "' belongs to two agents");
            }
            if (a.skills() == null || a.skills().isEmpty()) {
                problems.add(key + ".skills: give the agent at least one skill");
            } else {
                RoutingConfigChecks.skills(key + ".skills", a.skills(), queueSkills, problems);
            }
            if (a.passwordHash() != null) {
                passwordHash(key + ".passwordHash", a.passwordHash(), problems);
            }
        }
        return ids;
    }

    static void supervisors(List<HotlineConfig.SupervisorSection> supervisors, Set<String> agentIds,
                            ConfigProblems problems) {
        if (supervisors == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < supervisors.size(); i++) {
            HotlineConfig.SupervisorSection s = supervisors.get(i);
            String key = "supervisors[" + i + "]";
            if (ConfigProblems.isBlank(s.id()) || !s.id().matches("[A-Za-z0-9_.-]+")) {
                problems.add(key + ".id: '" + s.id() + "' must be letters, digits, '.', '-' or '_'");
            } else if (!ids.add(s.id())) {
                problems.add(key + ".id: supervisor '" + s.id() + "' is configured twice");
            } else if (agentIds.contains(s.id())) {
                problems.add(key + ".id: '" + s.id() + "' is also an agent's id; a login name must be one person's");
            }
            problems.required(key + ".name", s.name());
            passwordHash(key + ".passwordHash", s.passwordHash(), problems);
        }
    }

    /**
     * Only bcrypt hashes are stored; a plain password in the file is refused, never echoed. The cost
     * must be one bcrypt accepts (4..31): any other fails every login to the account.
     */
    private static void passwordHash(String key, String hash, ConfigProblems problems) {
        if (hash == null || !hash.matches("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}")) {
            problems.add(key + ": must be a bcrypt hash ($2a$/$2b$/$2y$, 60 characters); "
                    + "make one with: scripts/hotline --hash-password");
            return;
        }
        int cost = Integer.parseInt(hash.substring(4, 6));
        if (cost < 4 || cost > 31) {
            problems.add(key + ": the bcrypt cost " + hash.substring(4, 6) + " is outside bcrypt's 4..31; "
                    + "make one with: scripts/hotline --hash-password");
        }
    }
}
