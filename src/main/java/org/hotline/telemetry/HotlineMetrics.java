package org.hotline.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.hotline.call.AgentView;
import org.hotline.call.CallOutcome;
import org.hotline.metrics.KpiReport;
import org.hotline.web.ScreenFeed;

/**
 * Hotline's operational metrics for {@code GET /metrics}, in Prometheus text through Micrometer.
 * Meter names (Prometheus adds {@code _total}, {@code _seconds} and the like):
 * <ul>
 *   <li>{@code hotline_calls_total{outcome}}: calls ended, by outcome;</li>
 *   <li>{@code hotline_kpi{queue,kpi}}: today's KPIs per queue as the board shows them (NaN when
 *       there is nothing to measure yet);</li>
 *   <li>{@code hotline_agents{state}}: agents in each state;</li>
 *   <li>{@code hotline_pop_latency_seconds{stage="sent"|"acked"}}: from ringing an agent to the pop
 *       leaving for their desktop, and to the desktop reporting it on screen (histogram);</li>
 *   <li>{@code hotline_agi_sessions}, {@code hotline_ami_connected}, {@code hotline_ami_reconnects_total},
 *       {@code hotline_redis_write_queue}, {@code hotline_redis_write_failures},
 *       {@code hotline_redis_dead_letters}, {@code hotline_redis_backlog_overflowing},
 *       {@code hotline_websocket_clients}; and the JVM's memory, threads and CPU.</li>
 * </ul>
 */
public final class HotlineMetrics implements ScreenFeed.PopLatency {

    static final List<String> AGENT_STATES = List.of("available", "paused", "wrap-up", "ringing", "on-call", "unavailable");
    static final List<String> KPIS = List.of("offered", "answered", "abandoned", "serviceLevel", "asa", "aht",
            "abandonRate", "systemAnswerWithin3Rings", "agentMisses", "apologyCompliance", "csat", "nps", "ces",
            "selfServed", "ivrContainment", "fcr", "fcrDecided", "fcrPending", "callbacksOffered", "callbacksAccepted",
            "callbacksCompleted");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer popSent;
    private final Timer popAcked;
    private final Counter amiReconnects;
    private final Map<String, KpiReport> kpisToday = new ConcurrentHashMap<>();

    /** What the gauges read; each supplier must be cheap and thread-safe. */
    public record Sources(Supplier<List<AgentView>> agents, Supplier<Integer> agiSessions,
                          Supplier<Boolean> amiConnected, Supplier<Integer> redisWriteQueue,
                          Supplier<Long> redisWriteFailures, Supplier<Long> deadLetters,
                          Supplier<Boolean> redisBacklogOverflowing, Supplier<Integer> webSocketClients) {
    }

    /** Gauges hold their sources strongly: Micrometer's default weak reference lets a lambda be collected (NaN). */
    public HotlineMetrics(Sources sources, List<String> queues) {
        popSent = popTimer("sent");
        popAcked = popTimer("acked");
        amiReconnects = Counter.builder("hotline.ami.reconnects")
                .description("AMI connections made again after the first").register(registry);
        for (String state : AGENT_STATES) {
            Gauge.builder("hotline.agents", sources.agents(),
                            s -> s.get().stream().filter(a -> state.equals(a.state())).count())
                    .tag("state", state).description("agents in each state").strongReference(true).register(registry);
        }
        for (String queue : queues) {
            for (String kpi : KPIS) {
                Gauge.builder("hotline.kpi", kpisToday, m -> value(m.get(queue), kpi))
                        .tags(Tags.of("queue", queue, "kpi", kpi)).description("today's KPIs per queue").strongReference(true).register(registry);
            }
        }
        Gauge.builder("hotline.agi.sessions", sources.agiSessions(), s -> s.get())
                .description("FastAGI sessions (calls) in progress").strongReference(true).register(registry);
        Gauge.builder("hotline.ami.connected", sources.amiConnected(), s -> s.get() ? 1 : 0)
                .description("1 while the AMI connection is up").strongReference(true).register(registry);
        Gauge.builder("hotline.redis.write.queue", sources.redisWriteQueue(), s -> s.get())
                .description("call records accepted and not yet in Redis").strongReference(true).register(registry);
        Gauge.builder("hotline.redis.write.failures", sources.redisWriteFailures(), s -> s.get())
                .description("failed Redis write attempts since start").strongReference(true).register(registry);
        Gauge.builder("hotline.redis.dead.letters", sources.deadLetters(), s -> s.get())
                .description("records Redis refused, kept in the journal's dead-letter file for an operator")
                .strongReference(true).register(registry);
        Gauge.builder("hotline.redis.backlog.overflowing", sources.redisBacklogOverflowing(), s -> s.get() ? 1 : 0)
                .description("1 while more records wait for Redis than fit in memory (the rest wait in the journal)")
                .strongReference(true).register(registry);
        Gauge.builder("hotline.websocket.clients", sources.webSocketClients(), s -> s.get())
                .description("open agent-desktop and board sockets").strongReference(true).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    private Timer popTimer(String stage) {
        return Timer.builder("hotline.pop.latency")
                .description("from ringing the agent to the pop sent to / shown on their desktop")
                .tag("stage", stage)
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public void callEnded(CallOutcome outcome) {
        registry.counter("hotline.calls", "outcome", outcome.wireName()).increment();
    }

    public void amiReconnected() {
        amiReconnects.increment();
    }

    public void kpisToday(String queue, KpiReport report) {
        kpisToday.put(queue, report);
    }

    @Override
    public void sent(Duration sinceRinging) {
        popSent.record(sinceRinging);
    }

    @Override
    public void acked(Duration sinceRinging) {
        popAcked.record(sinceRinging);
    }

    /** The 95th percentile of ringing-to-screen (acked) pops recently, in ms; null before any. */
    public Double popLatencyP95Millis() {
        if (popAcked.count() == 0) {
            return null;
        }
        for (var p : popAcked.takeSnapshot().percentileValues()) {
            if (p.percentile() == 0.95) {
                return Math.round(p.value(TimeUnit.MILLISECONDS) * 10) / 10.0;
            }
        }
        return null;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    private static double value(KpiReport r, String kpi) {
        if (r == null) {
            return Double.NaN;
        }
        Number n = switch (kpi) {
            case "offered" -> r.offered();
            case "answered" -> r.answered();
            case "abandoned" -> r.abandoned();
            case "serviceLevel" -> r.serviceLevel();
            case "asa" -> r.asa();
            case "aht" -> r.aht();
            case "abandonRate" -> r.abandonRate();
            case "systemAnswerWithin3Rings" -> r.systemAnswerWithin3Rings();
            case "agentMisses" -> r.agentMisses();
            case "apologyCompliance" -> r.apologyCompliance();
            case "csat" -> r.csat();
            case "nps" -> r.nps();
            case "ces" -> r.ces();
            case "selfServed" -> r.selfServed();
            case "ivrContainment" -> r.ivrContainment();
            case "fcr" -> r.fcr();
            case "fcrDecided" -> r.fcrDecided();
            case "fcrPending" -> r.fcrPending();
            case "callbacksOffered" -> r.callbacksOffered();
            case "callbacksAccepted" -> r.callbacksAccepted();
            case "callbacksCompleted" -> r.callbacksCompleted();
            default -> null;
        };
        return n == null ? Double.NaN : n.doubleValue();
    }
}
