package org.hotline.web;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.hotline.call.CallHistory;
import org.hotline.call.CallRecord;
import org.hotline.call.Disposition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/calls}: the call history, the disposition form and the supervisor's monitoring.
 * The API token and supervisors see every call; an agent sees the calls they answered or were rung
 * for, and gives dispositions only for calls they answered.
 */
final class CallRoutes {

    public static final int MAX_NOTES_LENGTH = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(CallRoutes.class);
    /** A phone to ring for monitoring: an extension, never a dial string (no '/', '&amp;', ',' ...). */
    private static final Pattern PHONE = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private final CallHistory calls;
    private final AgentDesk desk;
    private final ApiSettings settings;
    private final Replies replies;

    CallRoutes(CallHistory calls, AgentDesk desk, ApiSettings settings, Replies replies) {
        this.calls = calls;
        this.desk = desk;
        this.settings = settings;
        this.replies = replies;
    }

    /** {@code GET /api/calls}: an agent gets those of the newest {@code limit} calls that they answered. */
    ApiResponse recent(Caller caller, int limit) {
        List<CallRecord> newest = calls.recent(limit);
        if (caller.readsEverything()) {
            return replies.ok(newest);
        }
        return replies.ok(newest.stream().filter(c -> caller.agentId().equals(c.agent())).toList());
    }

    /** {@code GET /api/calls/{id}}. */
    ApiResponse one(Caller caller, String id) {
        CallRecord record = calls.find(id).orElseThrow(() -> new ApiException(404, "no call with id '" + id + "'"));
        if (!caller.readsEverything() && !involves(record, caller.agentId())) {
            throw new ApiException(403, "an agent may read only calls they answered or were rung for");
        }
        return replies.ok(record);
    }

    private static boolean involves(CallRecord record, String agentId) {
        return agentId.equals(record.agent())
                || record.agentAttempts().stream().anyMatch(a -> agentId.equals(a.agent()));
    }

    /** {@code POST /api/calls/{id}/disposition}. */
    ApiResponse dispose(Caller caller, String callId, ApiRequest req) {
        if (caller.isAgent() && !desk.agentOfCall(callId).map(caller.agentId()::equals).orElse(false)) {
            throw new ApiException(403, "an agent may give a disposition only for a call they answered");
        }
        JsonBody body = JsonBody.read(replies.mapper(), req,
                "{\"code\":\"" + firstOr(settings.dispositionCodes(), "resolved") + "\",\"resolved\":true,\"notes\":\"...\"}",
                List.of("code", "resolved", "notes"), true);
        String allowed = String.join(", ", settings.dispositionCodes());
        String code = body.text("code", false, 100);
        if (code == null) {
            throw JsonBody.bad("field 'code' is required: one of " + allowed);
        }
        if (!settings.dispositionCodes().contains(code)) {
            throw JsonBody.bad("code must be one of " + allowed + ", not '" + code + "'");
        }
        boolean resolved = body.requiredBoolean("resolved");
        String notes = body.text("notes", false, MAX_NOTES_LENGTH);
        Disposition disposition = new Disposition(code, resolved, notes, caller.name(), settings.clock().instant());
        try {
            return replies.ok(desk.dispose(callId, disposition));
        } catch (NoSuchElementException e) {
            throw new ApiException(404, "no call with id '" + callId + "'");
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    /** {@code POST /api/calls/{id}/monitor}: supervisors and the API token only. */
    ApiResponse monitor(Caller caller, String callId, ApiRequest req) {
        if (caller.isAgent()) {
            throw new ApiException(403, "only a supervisor may listen, whisper or barge");
        }
        JsonBody body = JsonBody.read(replies.mapper(), req, "{\"mode\":\"listen\",\"phone\":\"1008\"}",
                List.of("mode", "phone"), true);
        String modeText = body.text("mode", true, 20);
        MonitorMode mode = MonitorMode.parse(modeText).orElseThrow(() ->
                JsonBody.bad("mode must be 'listen', 'whisper' or 'barge', not '" + modeText + "'"));
        String phone = body.text("phone", true, 32);
        if (!PHONE.matcher(phone).matches()) {
            throw JsonBody.bad("phone must be an extension (letters, digits, '-', '_', '.'), not '" + phone + "'");
        }
        try {
            CompletableFuture<Void> started = Objects.requireNonNull(desk.monitor(callId, mode, phone), "monitor future");
            started.get(settings.monitorTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw monitorFailure(callId, e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            throw monitorFailure(callId, e);
        } catch (TimeoutException e) {
            throw new ApiException(503, "Asterisk did not confirm the " + mode.wireName() + " request within "
                    + settings.monitorTimeout().toMillis() + " ms; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "server shutting down");
        }
        // Logged once Asterisk took it, so the call id is a real one: an audit line of who listened in.
        LOG.info("{} started to {} on call {} from phone {}", caller.name(), mode.wireName(), callId, phone);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("callId", callId);
        answer.put("mode", mode.wireName());
        answer.put("phone", phone);
        return replies.ok(answer);
    }

    private static ApiException monitorFailure(String callId, Throwable cause) {
        return switch (cause) {
            case NoSuchElementException e -> new ApiException(404, "no live call with id '" + callId + "'");
            case IllegalStateException e -> new ApiException(409, e.getMessage());
            case IllegalArgumentException e -> new ApiException(400, e.getMessage());
            case ApiException e -> e;
            case UncheckedIOException e -> new ApiException(503, "Asterisk unreachable: " + e.getCause().getMessage());
            default -> {
                LOG.warn("monitor request for call {} failed: {}", callId, cause.toString());
                yield new ApiException(503, "Asterisk did not accept the request; the server log has the details");
            }
        };
    }

    private static String firstOr(List<String> list, String fallback) {
        return list.isEmpty() ? fallback : list.get(0);
    }
}
