package org.hotline.config;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.hotline.ivr.IvrFlow;
import org.hotline.ivr.IvrFlowChecker;
import org.hotline.ivr.IvrFlowReader;
import org.hotline.ivr.IvrProblems;
import org.hotline.ivr.PromptCatalog;

/** Checks what the types alone cannot: ranges, references between sections, uniqueness. */
final class ConfigValidator {

    private final String source;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> queueNames = new HashSet<>();
    /** The IVR flow as checked, for the survey's checks; null when the IVR is off or invalid. */
    private IvrFlow ivrFlow;
    private PromptCatalog ivrPrompts = PromptCatalog.UNCHECKED;
    private String ivrFile;

    ConfigValidator(String source) {
        this.source = source;
    }

    /**
     * A section written as {@code fastagi: ~} (or an empty list entry {@code - ~}) binds to null;
     * refused here, naming the key, before anything reads it.
     */
    static void requireSections(HotlineConfig c, String source) {
        List<String> empty = new ArrayList<>();
        java.util.Map<String, Object> sections = new java.util.LinkedHashMap<>();
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
        java.util.Map<String, List<?>> lists = new java.util.LinkedHashMap<>();
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

    void validate(HotlineConfig c) {
        required("fastagi.host", c.fastagi().host());
        port("fastagi.port", c.fastagi().port());
        atLeast("fastagi.maxLineLength", c.fastagi().maxLineLength(), 256);
        atLeast("fastagi.maxEnvironmentLines", c.fastagi().maxEnvironmentLines(), 16);
        atLeast("fastagi.idleTimeoutSeconds", c.fastagi().idleTimeoutSeconds(), 1);
        between("fastagi.commandTimeoutSeconds", c.fastagi().commandTimeoutSeconds(), 1, 600);
        required("http.host", c.http().host());
        port("http.port", c.http().port());
        apiToken(c.http());
        between("http.sessionHours", c.http().sessionHours(), 1, 24 * 30);
        between("http.idleTimeoutSeconds", c.http().idleTimeoutSeconds(), 1, 3600);
        between("http.apiQueueLimit", c.http().apiQueueLimit(), 1, 100_000);
        required("journal.directory", c.journal().directory());
        between("journal.groupCommitMillis", c.journal().groupCommitMillis(), 0, 1000);
        between("journal.maxPendingRecords", c.journal().maxPendingRecords(), 100, 10_000_000);
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
        Set<String> agentIds = agents(c.agents(), skills);
        supervisors(c.supervisors(), agentIds);
        ivr(c.ivr(), skills);
        survey(c.survey());
        callbacks(c.callbacks());
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }

    /** Tokens the project itself once shipped: known to everyone who read it. */
    private static final Set<String> KNOWN_TOKENS = Set.of("sandbox-token-change-me", "change-me", "changeme", "secret");
    /** Below this, a token reachable from other machines could be guessed or is a word. */
    static final int MIN_EXPOSED_TOKEN_LENGTH = 32;

    /**
     * Any token will do while only this machine can reach the port; once {@code http.host} is not
     * loopback, a known or short token is refused (the message never echoes the token).
     */
    private void apiToken(HotlineConfig.HttpSection http) {
        String token = http.apiToken();
        if (token == null || token.length() < 8) {
            problems.add("http.apiToken: set a token of at least 8 characters, here, in http.apiTokenFile or in "
                    + ConfigLoader.API_TOKEN_ENV);
            return;
        }
        if (http.loopbackOnly()) {
            return;
        }
        if (KNOWN_TOKENS.contains(token.toLowerCase(java.util.Locale.ROOT))) {
            problems.add("http.apiToken: the token is a published default and http.host '" + http.host()
                    + "' is reachable from other machines; make one with: head -c 32 /dev/urandom | base64");
        } else if (token.length() < MIN_EXPOSED_TOKEN_LENGTH || token.chars().distinct().count() < 10) {
            problems.add("http.apiToken: with http.host '" + http.host() + "' reachable from other machines the token"
                    + " must be at least " + MIN_EXPOSED_TOKEN_LENGTH + " random characters; make one with: "
                    + "head -c 32 /dev/urandom | base64");
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
        if (center.defaultRegion() == null
                || !PhoneNumberUtil.getInstance().getSupportedRegions().contains(center.defaultRegion())) {
            problems.add("center.defaultRegion: '" + center.defaultRegion()
                    + "' is not a region code (ISO 3166 alpha-2, upper case, e.g. US, GB, CN)");
        }
        between("center.wrapUpSeconds", center.wrapUpSeconds(), 0, 3600);
        required("center.greeting", center.greeting());
        required("center.greetingUnknownCaller", center.greetingUnknownCaller());
        words("center.pauseReasons", center.pauseReasons());
        words("center.dispositionCodes", center.dispositionCodes());
    }

    /** A non-empty list of distinct short words (they travel in URLs, JSON and Redis). */
    private void words(String key, List<String> values) {
        if (values == null || values.isEmpty()) {
            problems.add(key + ": give at least one");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (isBlank(v) || !v.matches("[A-Za-z0-9_-]{1,40}")) {
                problems.add(key + "[" + i + "]: '" + v + "' must be 1-40 letters, digits, '-' or '_'");
            } else if (!seen.add(v)) {
                problems.add(key + "[" + i + "]: '" + v + "' is listed twice");
            }
        }
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
        if (!(s.serviceLevelTarget() >= 0 && s.serviceLevelTarget() <= 100)) {
            problems.add("standards.serviceLevelTarget: " + s.serviceLevelTarget() + " is outside 0..100 (percent)");
        }
        between("standards.fcrWindowDays", s.fcrWindowDays(), 1, 90);
    }

    private void prompts(HotlineConfig.PromptsSection p) {
        required("prompts.welcome", p.welcome());
        required("prompts.apology", p.apology());
        required("prompts.agentApologyCue", p.agentApologyCue());
        required("prompts.musicClass", p.musicClass());
        required("prompts.maxWaitReached", p.maxWaitReached());
    }

    private Set<String> queues(List<HotlineConfig.QueueSection> queues) {
        Set<String> skills = new HashSet<>();
        if (queues == null || queues.isEmpty()) {
            problems.add("queues: configure at least one queue");
            return skills;
        }
        for (int i = 0; i < queues.size(); i++) {
            HotlineConfig.QueueSection q = queues.get(i);
            String key = "queues[" + i + "]";
            if (isBlank(q.name()) || !q.name().matches("[A-Za-z0-9_-]+")) {
                problems.add(key + ".name: '" + q.name() + "' must be letters, digits, '-' or '_'");
            } else if (!queueNames.add(q.name())) {
                problems.add(key + ".name: queue '" + q.name() + "' is configured twice");
            }
            between(key + ".maxWaitSeconds", q.maxWaitSeconds(), 10, 86_400);
            int announceEvery = q.announceEverySeconds();
            if (announceEvery != 0 && (announceEvery < 5 || announceEvery > 3_600)) {
                // below 5 s a caller would hear little but announcements
                problems.add(key + ".announceEverySeconds: " + announceEvery
                        + " is outside 5..3600 (0 turns the announcements off)");
            }
            if (isBlank(q.skill())) {
                problems.add(key + ".skill: required (the skill an agent needs to take this queue's calls)");
            } else {
                skills.add(q.skill());
            }
            RoutingConfigChecks.relaxation(key + ".relaxation", q.relaxation(), q.maxWaitSeconds(), problems);
            if (q.callbackOfferAfterSeconds() != 0) {
                between(key + ".callbackOfferAfterSeconds", q.callbackOfferAfterSeconds(), 1, q.maxWaitSeconds() - 1);
            }
        }
        return skills;
    }

    private Set<String> agents(List<HotlineConfig.AgentSection> agents, Set<String> queueSkills) {
        Set<String> ids = new HashSet<>();
        if (agents == null || agents.isEmpty()) {
            problems.add("agents: configure at least one agent");
            return ids;
        }
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
                RoutingConfigChecks.skills(key + ".skills", a.skills(), queueSkills, problems);
            }
            if (a.passwordHash() != null) {
                passwordHash(key + ".passwordHash", a.passwordHash());
            }
        }
        return ids;
    }

    private void supervisors(List<HotlineConfig.SupervisorSection> supervisors, Set<String> agentIds) {
        if (supervisors == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < supervisors.size(); i++) {
            HotlineConfig.SupervisorSection s = supervisors.get(i);
            String key = "supervisors[" + i + "]";
            if (isBlank(s.id()) || !s.id().matches("[A-Za-z0-9_.-]+")) {
                problems.add(key + ".id: '" + s.id() + "' must be letters, digits, '.', '-' or '_'");
            } else if (!ids.add(s.id())) {
                problems.add(key + ".id: supervisor '" + s.id() + "' is configured twice");
            } else if (agentIds.contains(s.id())) {
                problems.add(key + ".id: '" + s.id() + "' is also an agent's id; a login name must be one person's");
            }
            required(key + ".name", s.name());
            passwordHash(key + ".passwordHash", s.passwordHash());
        }
    }

    /**
     * The IVR flow ({@link IvrFlowReader}, then {@link IvrFlowChecker} once every node reads
     * well): its routes may use only the configured queues and skills, and with
     * {@code ivr.promptsDirectory} set every prompt must be there in every language.
     */
    private void ivr(HotlineConfig.IvrSection ivr, Set<String> skills) {
        if (ivr == null) {
            problems.add("ivr: required (leave nodes empty to turn the IVR off)");
            return;
        }
        IvrProblems found = new IvrProblems("ivr.", ivr.file());
        IvrFlow flow = new IvrFlowReader(found).read(ivr.definition());
        PromptCatalog catalog = PromptCatalog.UNCHECKED;
        if (flow != null && ivr.promptsDirectory() != null && !ivr.promptsDirectory().isBlank()) {
            Path directory = Path.of(ivr.promptsDirectory());
            if (Files.isDirectory(directory)) {
                catalog = new PromptDirectory(directory, flow.languages().defaultLanguage());
            } else {
                found.add("promptsDirectory", "no directory " + directory);
            }
        }
        if (flow != null && found.isEmpty()) {
            new IvrFlowChecker(found).check(flow, queueNames, skills, catalog);
        }
        problems.addAll(found.messages());
        if (found.isEmpty()) {
            ivrFlow = flow;
            ivrPrompts = catalog;
            ivrFile = ivr.file();
        }
    }

    /** Checked even when callbacks are off, so that turning them on cannot fail at start. */
    private void callbacks(HotlineConfig.CallbacksSection c) {
        if (isBlank(c.customerDialString()) || !c.customerDialString().contains("{number}")) {
            problems.add("callbacks.customerDialString: '" + c.customerDialString()
                    + "' must name the number as {number}, e.g. PJSIP/{number}@pstn-out");
        }
        if (isBlank(c.agiUrl()) || !c.agiUrl().startsWith("agi://")) {
            problems.add("callbacks.agiUrl: '" + c.agiUrl() + "' must be an agi:// address of Hotline's FastAGI");
        }
        between("callbacks.customerRingSeconds", c.customerRingSeconds(), 5, 120);
        between("callbacks.tries", c.tries(), 1, 10);
        between("callbacks.retryAfterSeconds", c.retryAfterSeconds(), 10, 86_400);
        between("callbacks.minDigits", c.minDigits(), 3, 20);
        between("callbacks.maxDigits", c.maxDigits(), Math.max(3, c.minDigits()), 20);
        if (c.prompts() == null) {
            problems.add("callbacks.prompts: must be a mapping of its keys, not empty");
            return;
        }
        required("callbacks.prompts.offer", c.prompts().offer());
        required("callbacks.prompts.number", c.prompts().number());
        required("callbacks.prompts.confirmed", c.prompts().confirmed());
        required("callbacks.prompts.greeting", c.prompts().greeting());
    }

    /**
     * The survey's keys are checked even when it is off, so that turning it on cannot fail at
     * start. {@code who: opted-in} needs a flow where a caller can opt in; with the survey on and
     * a prompts directory, each survey sound under the flow's folder must exist in every language
     * of the flow (the survey is asked in the language the caller chose).
     */
    private void survey(HotlineConfig.SurveySection s) {
        String who = s.who();
        if (!HotlineConfig.SurveySection.WHO_ALL.equals(who) && !HotlineConfig.SurveySection.WHO_OPTED_IN.equals(who)) {
            problems.add("survey.who: '" + who + "' is not one of " + HotlineConfig.SurveySection.WHO_ALL + ", "
                    + HotlineConfig.SurveySection.WHO_OPTED_IN);
        } else if (HotlineConfig.SurveySection.WHO_OPTED_IN.equals(who) && (ivrFlow == null
                || !ivrFlow.offersSurveyOptIn())) {
            problems.add("survey.who: 'opted-in' asks only callers who passed an IVR node with surveyOptIn: true, but "
                    + (ivrFlow == null ? "the IVR is off (ivr.nodes is empty)"
                    : "no node of the flow" + (ivrFile == null ? " under ivr.nodes" : " in " + ivrFile) + " has it")
                    + "; mark one (e.g. the node a menu option leads to) or use who: all");
        }
        between("survey.answerTimeoutSeconds", s.answerTimeoutSeconds(), 1, 60);
        if (s.prompts() == null) {
            problems.add("survey.prompts: must be a mapping of its keys, not empty");
            return;
        }
        required("survey.prompts.intro", s.prompts().intro());
        required("survey.prompts.csat", s.prompts().csat());
        required("survey.prompts.nps", s.prompts().nps());
        required("survey.prompts.ces", s.prompts().ces());
        required("survey.prompts.thanks", s.prompts().thanks());
        if (s.enabled() && ivrFlow != null && ivrPrompts != PromptCatalog.UNCHECKED) {
            surveyPrompt("survey.prompts.intro", s.prompts().intro());
            surveyPrompt("survey.prompts.csat", s.prompts().csat());
            surveyPrompt("survey.prompts.nps", s.prompts().nps());
            surveyPrompt("survey.prompts.ces", s.prompts().ces());
            surveyPrompt("survey.prompts.thanks", s.prompts().thanks());
        }
    }

    /** A survey sound under the flow's folder is needed in each of the flow's languages. */
    private void surveyPrompt(String key, String sound) {
        String folder = ivrFlow.languages().soundPrefix() + "/";
        if (sound == null || !sound.startsWith(folder)) {
            return;
        }
        String prompt = sound.substring(folder.length());
        for (String language : ivrFlow.languages().languages()) {
            if (!ivrPrompts.has(language, prompt)) {
                problems.add(key + ": the survey is asked in the caller's language, and '" + prompt + "' has no "
                        + language + " text (" + ivrPrompts.whereIs(language, prompt) + ")");
            }
        }
    }

    /**
     * Only bcrypt hashes are stored; a plain password in the file is refused, never echoed. The cost
     * must be one bcrypt accepts (4..31): any other fails every login to the account.
     */
    private void passwordHash(String key, String hash) {
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
