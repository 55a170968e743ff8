package org.hotline.call;

import java.time.Instant;
import java.util.List;

/**
 * An agent as the REST API shows it.
 *
 * @param state             {@code available}, {@code paused}, {@code wrap-up}, {@code ringing}, {@code on-call},
 *                          {@code unavailable} (phone unreachable)
 * @param reason            why paused (e.g. {@code missed-rings}, {@code break}), else null
 * @param since             when the state last changed
 * @param consecutiveMisses rings not answered in a row
 * @param missedRings       rings not answered in total since start
 * @param currentCall       id of the call being rung or talked to, else null
 * @param wrapUpUntil       when an automatic wrap-up ends (state {@code wrap-up}); null otherwise or
 *                          when the agent chose to stay in wrap-up
 * @param wrapUpCall        the call a wrap-up follows (state {@code wrap-up}), the one its disposition is for;
 *                          null otherwise
 */
public record AgentView(
        String id,
        String name,
        String extension,
        List<String> skills,
        String state,
        String reason,
        Instant since,
        int consecutiveMisses,
        long missedRings,
        String currentCall,
        Instant wrapUpUntil,
        String wrapUpCall) {

    public AgentView(String id, String name, String extension, List<String> skills, String state, String reason,
                     Instant since, int consecutiveMisses, long missedRings, String currentCall) {
        this(id, name, extension, skills, state, reason, since, consecutiveMisses, missedRings, currentCall, null, null);
    }
}
