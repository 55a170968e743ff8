package org.hotline.session;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import org.hotline.call.CallRecord;
import org.hotline.call.Decimals;
import org.hotline.customer.CustomerDirectory;
import org.hotline.customer.CustomerView;
import org.hotline.customer.Interaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling, and their history: looks the caller's number up in the customer directory as
 * soon as the call arrives (so the pop is ready before an agent rings), and adds each finished
 * call, later its disposition, to the customer's history. The directory may block: every call
 * to it runs on the {@code blocking} executor, never on a FastAGI event loop.
 *
 * <p>A directory failure never fails a call: the caller is then treated as unknown, and a history
 * entry that could not be written is logged.
 */
public final class CallerIdentification {

    private static final Logger log = LoggerFactory.getLogger(CallerIdentification.class);

    private final CustomerDirectory directory;
    private final UnaryOperator<String> normalise;
    private final Executor blocking;

    /** {@code normalise} turns a caller id into the directory's phone key (E.164), null when it has none. */
    public CallerIdentification(CustomerDirectory directory, UnaryOperator<String> normalise, Executor blocking) {
        this.directory = directory;
        this.normalise = normalise;
        this.blocking = blocking;
    }

    /** The customer behind {@code callerNumber}, or empty; completes on the blocking executor. */
    public CompletableFuture<Optional<CustomerView>> lookup(String callerNumber) {
        return CompletableFuture.supplyAsync(() -> {
            String key = normalise.apply(callerNumber);
            return key == null ? Optional.<CustomerView>empty() : directory.findByPhone(key);
        }, blocking).exceptionally(e -> {
            log.warn("customer look-up of {} failed; the caller is shown as unknown: {}", callerNumber, e.toString());
            return Optional.empty();
        });
    }

    /** Adds the call (or replaces its entry, e.g. with the disposition) in the customer's history. */
    public void recordCall(CallRecord record) {
        if (record.customerId() == null) {
            return;
        }
        CompletableFuture.runAsync(() -> directory.record(record.customerId(), interactionOf(record)), blocking)
                .exceptionally(e -> {
                    log.warn("call {} not added to customer {}'s history: {}", record.id(), record.customerId(),
                            e.toString());
                    return null;
                });
    }

    /** The history entry of a call: its id is the call's, so a later version replaces it. */
    static Interaction interactionOf(CallRecord r) {
        String summary = r.answeredByAgent()
                ? "waited " + Decimals.fixed(r.waitSeconds(), 0) + " s, talked " + Decimals.fixed(r.talkSeconds(), 0) + " s"
                : r.outcome().wireName() + " after " + Decimals.fixed(r.waitSeconds(), 0) + " s";
        if (r.survey() != null && r.survey().any()) {
            summary += "; " + r.survey().summary();
        }
        if (r.disposition() != null && !r.disposition().notes().isBlank()) {
            summary += "; " + r.disposition().notes();
        }
        return new Interaction(r.id(), r.arrivedAt(), "phone", r.queue(), r.agent(), r.outcome().wireName(),
                r.disposition() == null ? null : r.disposition().code(),
                r.disposition() == null ? null : r.disposition().resolved(), summary);
    }
}
