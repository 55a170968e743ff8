package org.hotline.config;

import java.util.List;

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
        List<AgentSection> agents) {

    public record FastAgiSection(String host, int port, int maxLineLength, int maxEnvironmentLines,
                                 int idleTimeoutSeconds) {
    }

    /** {@code apiToken} may be left out when {@code HOTLINE_API_TOKEN} is set. */
    public record HttpSection(String host, int port, String apiToken) {
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
     */
    public record CenterSection(String name, String timeZone, String agentChannel, int waitPollMillis,
                                int busyAgentRetrySeconds) {
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
     */
    public record StandardsSection(double ringCadenceSeconds, int systemAnswerRings, int agentRingLimitRings,
                                   int missedRingsBeforePause, double apologyAfterRings,
                                   int serviceLevelSeconds) {
    }

    /** Asterisk sound names (no extension), relative to Asterisk's sounds directory. */
    public record PromptsSection(String welcome, String apology, String agentApologyCue, String musicClass) {
    }

    public record QueueSection(String name, String skill) {
    }

    public record AgentSection(String id, String name, String extension, List<String> skills) {
    }
}
