package org.hotline.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hotline.ivr.IvrDefinition;
import org.hotline.ivr.IvrFlow;
import org.hotline.ivr.IvrFlowReader;
import org.hotline.ivr.IvrProblems;

/**
 * The whole of {@code config/hotline.yaml}, immutable and validated by {@link ConfigLoader}.
 * Each nested record mirrors one section of the file; defaults live in the records'
 * {@code DEFAULTS} so that one place names them (and the commented YAML repeats them).
 */
public record HotlineConfig(
        FastAgiSection fastagi,
        HttpSection http,
        AmiSection ami,
        RedisSection redis,
        CenterSection center,
        StandardsSection standards,
        PromptsSection prompts,
        List<QueueSection> queues,
        List<AgentSection> agents,
        List<SupervisorSection> supervisors,
        JournalSection journal,
        IvrSection ivr,
        SurveySection survey,
        CallbacksSection callbacks) {

    /**
     * @param commandTimeoutSeconds an AGI command other than Dial and the waits that gets no reply
     *                              within this long ends the session (the dialplan's fallback takes
     *                              the caller)
     */
    public record FastAgiSection(String host, int port, int maxLineLength, int maxEnvironmentLines,
                                 int idleTimeoutSeconds, int commandTimeoutSeconds) {
    }

    /**
     * @param apiToken            the bearer token of {@code /api/*}; {@code HOTLINE_API_TOKEN} overrides it
     * @param apiTokenFile        a file holding the token, read at start when neither of those is set
     *                            (the sandbox writes a random one there)
     * @param sessionHours        a browser login (cookie {@code hotline_session}) lasts this long
     * @param metricsLoopbackOnly {@code /metrics} answers only clients on the loopback address
     * @param idleTimeoutSeconds  an HTTP connection idle this long is closed (live sockets are pinged instead)
     * @param apiQueueLimit       API requests waiting for a worker beyond this get 503
     */
    public record HttpSection(String host, int port, String apiToken, String apiTokenFile, int sessionHours,
                              boolean metricsLoopbackOnly, int idleTimeoutSeconds, int apiQueueLimit) {

        public HttpSection withApiToken(String token) {
            return new HttpSection(host, port, token, apiTokenFile, sessionHours, metricsLoopbackOnly,
                    idleTimeoutSeconds, apiQueueLimit);
        }

        /** True when only this machine can reach the HTTP port. */
        public boolean loopbackOnly() {
            return host != null && (host.equals("localhost") || host.equals("::1") || host.startsWith("127."));
        }
    }

    public record AmiSection(String host, int port, String username, String secret, int pingIntervalSeconds) {
    }

    public record RedisSection(String host, int port, String keyPrefix, int callRetentionDays) {
    }

    /**
     * @param timeZone           the center's zone: "today" starts at its midnight
     * @param agentChannel       Asterisk dial string of an agent's phone; {@code {extension}} is replaced
     * @param waitPollMillis     how often a waiting caller's session looks for a free agent
     * @param busyAgentRetrySeconds how long an agent whose phone was busy or unreachable is skipped
     * @param defaultRegion      ISO 3166 region of national numbers (callers and customers), e.g. US
     * @param wrapUpSeconds      after a call the agent is in wrap-up this long (a disposition ends it early)
     * @param greeting           the agent's greeting on the screen-pop; {center}, {agent}, {customer}
     * @param greetingUnknownCaller the same when the caller's number matches no customer
     * @param pauseReasons       reasons an agent may give for a pause (the desktop offers them)
     * @param dispositionCodes   what an agent may record about a finished call
     */
    public record CenterSection(String name, String timeZone, String agentChannel, int waitPollMillis,
                                int busyAgentRetrySeconds, String defaultRegion, int wrapUpSeconds,
                                String greeting, String greetingUnknownCaller, List<String> pauseReasons,
                                List<String> dispositionCodes) {

        /** The dial string of the phone with {@code extension}: {@code agentChannel} filled in. */
        public String dialStringOf(String extension) {
            return dialString(agentChannel, extension);
        }

        /** {@code pattern} (e.g. {@code PJSIP/{extension}}) with the extension put in. */
        public static String dialString(String pattern, String extension) {
            return pattern.replace("{extension}", extension);
        }
    }

    /**
     * The phone standards. One ring is one ring cadence cycle.
     *
     * @param ringCadenceSeconds       one ring: 6 s North America, 5 s China, 3 s UK
     * @param systemAnswerRings        the IVR answers before this many rings end
     * @param agentRingLimitRings      an agent's phone rings at most this many rings
     * @param missedRingsBeforePause   consecutive misses after which the agent is paused
     * @param apologyAfterRings        a caller who waited longer than this for a person hears the apology
     * @param serviceLevelSeconds      answered by an agent within this many seconds counts as in service level
     * @param serviceLevelTarget       percent; the board alerts when a queue's service level is below it
     * @param fcrWindowDays            first-contact resolution: a served call followed by another served
     *                                 call of the same customer within this many days was not resolved
     */
    public record StandardsSection(double ringCadenceSeconds, int systemAnswerRings, int agentRingLimitRings,
                                   int missedRingsBeforePause, double apologyAfterRings,
                                   int serviceLevelSeconds, double serviceLevelTarget, int fcrWindowDays) {
    }

    /**
     * Asterisk sound names (no extension), relative to Asterisk's sounds directory.
     *
     * @param maxWaitReached played to a caller whose wait reached the queue's maximum, before the hang-up
     */
    public record PromptsSection(String welcome, String apology, String agentApologyCue, String musicClass,
                                 String maxWaitReached) {
    }

    /**
     * @param maxWaitSeconds the longest a caller waits for a person in this queue; then they hear
     *                       {@code prompts.maxWaitReached} and the call ends (never silence). Left
     *                       out: {@value #DEFAULT_MAX_WAIT_SECONDS}
     * @param relaxation     how the requirement of a caller's route is lowered the longer they wait
     *                       in this queue, in ascending order of {@code afterSeconds}; left out: never
     * @param callbackOfferAfterSeconds a caller who has waited this long in the queue is offered a
     *                       callback, once (when callbacks are on); left out or 0: only when no agent
     *                       of the queue is staffing it, and at the maximum wait
     * @param announceEverySeconds a waiting caller hears their place in line and the estimated wait
     *                       this often (the first time this long after entering the queue); 0: never.
     *                       Left out: {@value #DEFAULT_ANNOUNCE_EVERY_SECONDS}
     */
    public record QueueSection(String name, String skill, Integer maxWaitSeconds, List<RelaxationSection> relaxation,
                               Integer announceEverySeconds, Integer callbackOfferAfterSeconds) {

        public static final int DEFAULT_MAX_WAIT_SECONDS = 900;
        public static final int DEFAULT_ANNOUNCE_EVERY_SECONDS = 60;

        public QueueSection {
            maxWaitSeconds = maxWaitSeconds == null ? DEFAULT_MAX_WAIT_SECONDS : maxWaitSeconds;
            callbackOfferAfterSeconds = callbackOfferAfterSeconds == null ? 0 : callbackOfferAfterSeconds;
            relaxation = relaxation == null ? List.of() : java.util.Collections.unmodifiableList(
                    new java.util.ArrayList<>(relaxation)); // an empty entry is kept for the validator to name
            announceEverySeconds = announceEverySeconds == null ? DEFAULT_ANNOUNCE_EVERY_SECONDS : announceEverySeconds;
        }

        public QueueSection(String name, String skill) {
            this(name, skill, null, null, null, null);
        }

        public QueueSection(String name, String skill, Integer maxWaitSeconds) {
            this(name, skill, maxWaitSeconds, null, null, null);
        }

        public QueueSection(String name, String skill, Integer maxWaitSeconds, List<RelaxationSection> relaxation) {
            this(name, skill, maxWaitSeconds, relaxation, null, null);
        }

        public QueueSection(String name, String skill, Integer maxWaitSeconds, List<RelaxationSection> relaxation,
                            Integer announceEverySeconds) {
            this(name, skill, maxWaitSeconds, relaxation, announceEverySeconds, null);
        }

        /** How often a waiting caller hears their place and wait; empty when this queue does not announce. */
        public java.util.Optional<java.time.Duration> announceEvery() {
            return announceEverySeconds == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(java.time.Duration.ofSeconds(announceEverySeconds));
        }

        /** The steps as the ACD applies them, from a config {@link ConfigLoader} validated. */
        public List<org.hotline.routing.RelaxationStep> relaxationSteps() {
            return relaxation.stream().map(RelaxationSection::step).toList();
        }
    }

    /**
     * One relaxation step of a queue: after {@code afterSeconds} in the queue, either a level of
     * {@code minLevel} is enough in every skill the route asks for, or ({@code anyAgentOfQueue:
     * true}) any agent with the queue's skill will do. Exactly one of the two.
     */
    public record RelaxationSection(Integer afterSeconds, Integer minLevel, Boolean anyAgentOfQueue) {

        org.hotline.routing.RelaxationStep step() {
            java.time.Duration after = java.time.Duration.ofSeconds(afterSeconds);
            return Boolean.TRUE.equals(anyAgentOfQueue) ? org.hotline.routing.RelaxationStep.anyAgentOfQueue(after)
                    : org.hotline.routing.RelaxationStep.toLevel(after, minLevel);
        }
    }

    /**
     * The local append-only journal every finished call (and each live call's progress) reaches
     * before it counts as accepted; replayed into Redis at start.
     *
     * @param directory          where its files live (created if missing)
     * @param groupCommitMillis  appends arriving within this window share one fsync
     * @param maxPendingRecords  records held in memory for Redis at most; beyond, they wait in the
     *                           journal only (an alert is raised) and are read back as Redis catches up
     */
    public record JournalSection(String directory, int groupCommitMillis, int maxPendingRecords) {
    }

    /**
     * The IVR flow callers go through before a queue ({@link org.hotline.ivr}); no nodes: the IVR
     * is off and every call goes to the first queue. Relative paths are resolved against the
     * directory of the file that names them.
     *
     * @param file             a YAML file holding the flow's keys (all of this section's but
     *                         {@code file}); they replace the same keys written here
     * @param promptsDirectory where the prompt sources are ({@code NAME.txt} in the default language,
     *                         {@code LANG/NAME.txt} in the others): start-up checks that every
     *                         prompt of the flow is there in every language; null: not checked
     * @param soundPrefix      the folder under Asterisk's sounds holding the prompts: the prompt
     *                         {@code NAME} plays as {@code <soundPrefix>/NAME}, or
     *                         {@code <soundPrefix>/LANG/NAME} in a language other than the default
     * @param vipSkipsMenu     callers whose number belongs to a VIP customer skip the first menu
     *                         to {@code vipRoute} at {@code vipPriority} (above every route's own)
     * @param nodes            node name → its keys, {@code type} first (see defaults.yaml)
     */
    public record IvrSection(String file, String promptsDirectory, String soundPrefix, String defaultLanguage,
                             List<String> languages, boolean vipSkipsMenu, String vipRoute, int vipPriority,
                             String start, Map<String, Map<String, Object>> nodes) {

        public IvrDefinition definition() {
            return new IvrDefinition(start, defaultLanguage, languages, soundPrefix, vipSkipsMenu, vipRoute,
                    vipPriority, nodes);
        }

        public boolean enabled() {
            return nodes != null && !nodes.isEmpty();
        }

        /**
         * The flow, from a config {@link ConfigLoader} validated; empty when the IVR is off.
         *
         * @throws IllegalStateException when the section is invalid (it was not validated)
         */
        public Optional<IvrFlow> flow() {
            if (!enabled()) {
                return Optional.empty();
            }
            IvrProblems problems = new IvrProblems("ivr.", file);
            IvrFlow flow = new IvrFlowReader(problems).read(definition());
            if (flow == null || !problems.isEmpty()) {
                throw new IllegalStateException("the IVR flow is invalid: " + problems.messages());
            }
            return Optional.of(flow);
        }
    }

    /**
     * The post-call survey: when the agent hangs up first, the caller stays on the line for three
     * questions answered by a key (satisfaction 1–5, recommendation 0–10, effort 1–7).
     *
     * @param enabled              off: the call ends when the agent hangs up, as without a survey
     * @param who                  which callers are asked: {@value #WHO_ALL}, or {@value #WHO_OPTED_IN}
     *                             (only those who passed an IVR node marked {@code surveyOptIn: true})
     * @param answerTimeoutSeconds how long each question waits for its key after its prompt
     * @param prompts              the Asterisk sounds of the survey
     */
    public record SurveySection(boolean enabled, String who, int answerTimeoutSeconds, SurveyPrompts prompts) {

        public static final String WHO_ALL = "all";
        public static final String WHO_OPTED_IN = "opted-in";
    }

    /**
     * Callbacks: a waiting caller may ask to be called back and hang up, keeping their place. When
     * the place comes up, Hotline rings a free agent first (AMI Originate, the ring limit applies)
     * and, once they answer, dials the customer and bridges them.
     *
     * @param enabled             off: no caller is offered a callback
     * @param customerDialString  how Asterisk reaches a customer's number, with {@code {number}}
     * @param agiUrl              where the answered agent's channel reaches Hotline's FastAGI
     *                            ({@code .../callback}); Asterisk connects to it
     * @param customerRingSeconds how long the customer's phone rings on each try
     * @param tries               tries in all before the callback is recorded as failed (a try fails
     *                            when the customer does not answer; an agent's miss is not a try)
     * @param retryAfterSeconds   the wait between two tries
     * @param minDigits           the shortest number a caller may key for the callback
     * @param maxDigits           the longest
     */
    public record CallbacksSection(boolean enabled, String customerDialString, String agiUrl, int customerRingSeconds,
                                   int tries, int retryAfterSeconds, int minDigits, int maxDigits,
                                   CallbackPrompts prompts) {
    }

    /**
     * The callback's sounds: the offer ("press 1 to be called back"), the number question ("press 1
     * for the number you are calling from, or key another number and #"), the confirmation before
     * the caller hangs up, and the greeting the customer hears when they answer the callback.
     */
    public record CallbackPrompts(String offer, String number, String confirmed, String greeting) {
    }

    /** The survey's sounds: a short introduction, the three questions, the thanks before the hang-up. */
    public record SurveyPrompts(String intro, String csat, String nps, String ces, String thanks) {
    }

    /**
     * {@code skills} entries are {@code name} or {@code name:level} (level 1..10, 1 when left out),
     * e.g. {@code [support:3, billing]}; {@code passwordHash} (bcrypt) lets the agent log in to the
     * desktop with their id; null: no login.
     */
    public record AgentSection(String id, String name, String extension, List<String> skills, String passwordHash) {
    }

    /** A supervisor who logs in to the board with {@code id} and the password behind {@code passwordHash}. */
    public record SupervisorSection(String id, String name, String passwordHash) {
    }
}
