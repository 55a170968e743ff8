package org.hotline.standards;

import java.time.Duration;

/**
 * The center's phone standards as numbers, and the arithmetic every rule shares: one ring is one
 * cadence cycle, so a duration converts to rings by dividing by the cadence.
 *
 * @param ringCadence            one ring (6 s North America, 5 s China, 3 s UK)
 * @param systemAnswerRings      the IVR answers before this many rings end
 * @param agentRingLimitRings    an agent's phone rings at most this many rings
 * @param missedRingsBeforePause consecutive misses that pause an agent
 * @param apologyAfterRings      a wait for a person longer than this many rings earns the apology
 * @param serviceLevel           answered by an agent within this counts as within service level
 */
public record PhoneStandards(
        Duration ringCadence,
        int systemAnswerRings,
        int agentRingLimitRings,
        int missedRingsBeforePause,
        double apologyAfterRings,
        Duration serviceLevel) {

    public PhoneStandards {
        if (ringCadence.isZero() || ringCadence.isNegative()) {
            throw new IllegalArgumentException("ring cadence must be positive");
        }
    }

    /** {@code duration} in rings, e.g. 9 s at a 6 s cadence is 1.5 rings. */
    public double rings(Duration duration) {
        return (double) duration.toMillis() / ringCadence.toMillis();
    }

    /** How long an agent's phone may ring before the call moves on. */
    public Duration agentRingLimit() {
        return ringCadence.multipliedBy(agentRingLimitRings);
    }

    /** How long a wait for a person may last before it earns the apology. */
    public Duration apologyThreshold() {
        return Duration.ofMillis(Math.round(ringCadence.toMillis() * apologyAfterRings));
    }

    /** True when a caller who has waited {@code waited} for a person is owed the apology. */
    public boolean owesApology(Duration waited) {
        return waited.compareTo(apologyThreshold()) > 0;
    }

    /** True when the IVR answered within the system-answer limit. */
    public boolean systemAnswerInTime(Duration ringing) {
        return rings(ringing) <= systemAnswerRings;
    }

    public boolean withinServiceLevel(Duration waited) {
        return waited.compareTo(serviceLevel) <= 0;
    }
}
