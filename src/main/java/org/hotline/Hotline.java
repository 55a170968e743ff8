package org.hotline;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.agi.AgiScriptResolver;
import org.hotline.agi.FastAgiOptions;
import org.hotline.agi.FastAgiServer;
import org.hotline.ami.AmiClient;
import org.hotline.ami.AmiOptions;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.LiveCalls;
import org.hotline.config.HotlineConfig;
import org.hotline.metrics.KpiRules;
import org.hotline.metrics.KpiService;
import org.hotline.redis.RedisCallHistory;
import org.hotline.redis.RedisOptions;
import org.hotline.routing.Acd;
import org.hotline.session.CallFlowSettings;
import org.hotline.session.HotlineCallScript;
import org.hotline.session.TelephonyEventRouter;
import org.hotline.standards.PhoneStandards;
import org.hotline.web.ApiRouter;
import org.hotline.web.ComponentHealth;
import org.hotline.web.HealthCheck;
import org.hotline.web.WebOptions;
import org.hotline.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part from the validated configuration, starts them in
 * dependency order (stores, then Asterisk's connections, then the servers that take work), and
 * {@link #close() closes} them in reverse. It owns every thread pool and connection.
 */
public final class Hotline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Hotline.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AgentRoster roster;
    private final RedisCallHistory history;
    private final AmiClient ami;
    private final FastAgiServer fastAgi;
    private final KpiService kpis;
    private final WebServer web;

    private Hotline(HotlineConfig config, Clock clock) throws Exception {
        try {
            PhoneStandards standards = standards(config.standards());
            roster = roster(config, standards, clock);
            LiveCalls liveCalls = new LiveCalls();
            Acd acd = new Acd(roster);
            history = RedisCallHistory.open(RedisOptions.DEFAULTS
                    .withHost(config.redis().host())
                    .withPort(config.redis().port())
                    .withKeyPrefix(config.redis().keyPrefix())
                    .withRetention(Duration.ofDays(config.redis().callRetentionDays()),
                            RedisOptions.DEFAULT_KPI_RETENTION), clock);
            started.push(history);
            kpis = new KpiService(history, config.queues().stream().map(HotlineConfig.QueueSection::name).toList(),
                    ZoneId.of(config.center().timeZone()), clock);

            ami = AmiClient.create(amiOptions(config.ami()), clock, new TelephonyEventRouter(roster, liveCalls));
            started.push(ami);
            ami.start();

            KpiRules rules = new KpiRules(standards);
            HotlineCallScript callScript = new HotlineCallScript(CallFlowSettings.from(config, standards), roster,
                    acd, liveCalls, record -> history.append(record, rules.contribution(record)), clock);
            fastAgi = new FastAgiServer(fastAgiOptions(config.fastagi()),
                    AgiScriptResolver.byName(Map.of("hotline", callScript)));
            started.push(fastAgi);
            fastAgi.start();

            ExecutorService apiExecutor = Executors.newFixedThreadPool(4, named("hotline-api"));
            started.push(apiExecutor::shutdownNow);
            List<HealthCheck> checks = List.of(
                    () -> new ComponentHealth("ami", ami.isConnected(), ami.status()),
                    () -> {
                        var redis = history.health(); // one PING per check
                        return new ComponentHealth("redis", redis.up(), redis.detail());
                    },
                    () -> new ComponentHealth("fastagi", true,
                            "listening on " + config.fastagi().host() + ":" + fastAgi.port() + ", "
                                    + fastAgi.activeSessions() + " calls in progress"));
            ApiRouter router = new ApiRouter(config.http().apiToken(), history, kpis, roster, checks);
            web = new WebServer(WebOptions.defaults(config.http().apiToken())
                    .withHost(config.http().host()).withPort(config.http().port()), router, apiExecutor);
            started.push(web);
            web.start();
            log.info("Hotline up: FastAGI {}:{}, HTTP {}:{}", config.fastagi().host(), fastAgi.port(),
                    config.http().host(), web.port());
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private static AgentRoster roster(HotlineConfig config, PhoneStandards standards, Clock clock) {
        List<Agent> agents = config.agents().stream()
                .map(a -> new Agent(a.id(), a.name(), a.extension(), a.skills())).toList();
        AgentRoster roster = new AgentRoster(agents,
                a -> config.center().agentChannel().replace("{extension}", a.extension()),
                standards.missedRingsBeforePause(), Duration.ofSeconds(config.center().busyAgentRetrySeconds()),
                clock);
        roster.onAlert(alert -> log.warn("ALERT {}: {}", alert.kind(), alert.message()));
        return roster;
    }

    private static AmiOptions amiOptions(HotlineConfig.AmiSection ami) {
        return AmiOptions.builder()
                .host(ami.host())
                .port(ami.port())
                .username(ami.username())
                .secret(ami.secret())
                .pingInterval(Duration.ofSeconds(ami.pingIntervalSeconds()))
                .build();
    }

    private static FastAgiOptions fastAgiOptions(HotlineConfig.FastAgiSection agi) {
        return FastAgiOptions.builder()
                .bindHost(agi.host())
                .port(agi.port())
                .maxLineLength(agi.maxLineLength())
                .maxEnvironmentLines(agi.maxEnvironmentLines())
                .idleTimeout(Duration.ofSeconds(agi.idleTimeoutSeconds()))
                .build();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds and starts everything; on any failure, stops what had started and rethrows. */
    public static Hotline start(HotlineConfig config, Clock clock) throws Exception {
        return new Hotline(config, clock);
    }

    static PhoneStandards standards(HotlineConfig.StandardsSection s) {
        return new PhoneStandards(Duration.ofMillis(Math.round(s.ringCadenceSeconds() * 1000)), s.systemAnswerRings(),
                s.agentRingLimitRings(), s.missedRingsBeforePause(), s.apologyAfterRings(),
                Duration.ofSeconds(s.serviceLevelSeconds()));
    }

    public AgentRoster roster() {
        return roster;
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed", part.getClass().getSimpleName(), e);
            }
        }
    }
}
