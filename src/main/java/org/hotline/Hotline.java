package org.hotline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.hotline.agi.AgiScriptResolver;
import org.hotline.agi.FastAgiOptions;
import org.hotline.agi.FastAgiServer;
import org.hotline.ami.AmiClient;
import org.hotline.ami.AmiOptions;
import org.hotline.call.Agent;
import org.hotline.call.AgentRoster;
import org.hotline.call.CallRecord;
import org.hotline.call.FloorEvent;
import org.hotline.call.FloorEvents;
import org.hotline.call.LiveCalls;
import org.hotline.call.TelephonyEvent;
import org.hotline.config.HotlineConfig;
import org.hotline.customer.CustomerDirectory;
import org.hotline.customer.PhoneNumbers;
import org.hotline.ivr.PromptSet;
import org.hotline.metrics.AgentDayFigures;
import org.hotline.metrics.FirstContactRule;
import org.hotline.metrics.KpiRules;
import org.hotline.metrics.KpiService;
import org.hotline.redis.JournalOptions;
import org.hotline.redis.RedisCallHistory;
import org.hotline.redis.RedisCustomerDirectory;
import org.hotline.redis.RedisOptions;
import org.hotline.routing.Acd;
import org.hotline.routing.WaitEstimator;
import org.hotline.session.CallAftercare;
import org.hotline.session.CallFlowSettings;
import org.hotline.session.CallbackDesk;
import org.hotline.session.CallbackSettings;
import org.hotline.session.CallerIdentification;
import org.hotline.session.FloorWatch;
import org.hotline.session.HotlineCallScript;
import org.hotline.session.QueueAnnouncer;
import org.hotline.session.TelephonyEventRouter;
import org.hotline.session.WaitEstimatorFeed;
import org.hotline.standards.PhoneStandards;
import org.hotline.telemetry.HotlineMetrics;
import org.hotline.web.ApiRouter;
import org.hotline.web.ApiSettings;
import org.hotline.web.BoardFigures;
import org.hotline.web.ComponentHealth;
import org.hotline.web.HealthCheck;
import org.hotline.web.LiveWeb;
import org.hotline.web.ScreenFeed;
import org.hotline.web.SocketUser;
import org.hotline.web.WebOptions;
import org.hotline.web.WebServer;
import org.hotline.web.auth.Logins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * The composition root: builds every part from the validated configuration, starts them in
 * dependency order (stores, then Asterisk's connections, then the servers that take work), and
 * {@link #close() closes} them in reverse. It owns every thread pool and connection.
 */
public final class Hotline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Hotline.class);
    /** How long the board's KPIs may lag a call's end: the calls ending meanwhile share one refresh. */
    private static final Duration BOARD_SETTLE = Duration.ofSeconds(1);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final AgentRoster roster;
    private final LiveCalls liveCalls;
    private final RedisCallHistory history;
    private final CustomerDirectory customers;
    private final CallAftercare aftercare;
    private final HotlineMetrics metrics;
    private final ScreenFeed feed;
    private final AmiClient ami;
    private final FastAgiServer fastAgi;
    private final KpiService kpis;
    private final WebServer web;

    private Hotline(HotlineConfig config, Clock clock) throws Exception {
        try {
            PhoneStandards standards = standards(config.standards());
            ZoneId zone = ZoneId.of(config.center().timeZone());
            List<String> queues = config.queues().stream().map(HotlineConfig.QueueSection::name).toList();
            roster = roster(config, standards, clock);
            liveCalls = new LiveCalls();
            // The ACD's owner: every routing change is applied there, one at a time, so the
            // FastAGI event loops only hand changes over and read their own caller's offer.
            ExecutorService acdThread = Executors.newSingleThreadExecutor(named("hotline-acd"));
            started.push(acdThread::shutdownNow);
            Acd acd = new Acd(roster, acdThread);
            // A caller's number as the customer directory keys it (E.164), for the look-up, first-contact
            // resolution and the API alike; each call's number is asked for several times.
            UnaryOperator<String> phoneKey = PhoneNumbers.remembering(config.center().defaultRegion());
            // First-contact resolution tells customers apart as the directory does: id, else E.164.
            KpiRules rules = new KpiRules(standards, new FirstContactRule(
                    Duration.ofDays(config.standards().fcrWindowDays()), phoneKey));
            history = RedisCallHistory.open(redisOptions(config.redis()), journalOptions(config.journal()), rules,
                    clock);
            started.push(history);
            kpis = new KpiService(history, queues, zone, clock, rules.firstContact().window());

            // Threads: one delivers floor events to the screens in order; a small pool does the
            // blocking work of the screens (customer look-ups, aftercare, board figures); a ticker.
            ExecutorService floorThread = Executors.newSingleThreadExecutor(named("hotline-floor"));
            started.push(floorThread::shutdownNow);
            ExecutorService blocking = Executors.newFixedThreadPool(4, named("hotline-io"));
            started.push(blocking::shutdownNow);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named("hotline-ticker"));
            started.push(ticker::shutdownNow);
            FloorEvents floor = new FloorEvents(floorThread);

            UnifiedJedis customerConnection = new JedisPooled(new HostAndPort(config.redis().host(), config.redis().port()),
                    DefaultJedisClientConfig.builder().connectionTimeoutMillis(2000).socketTimeoutMillis(2000)
                            .clientName("hotline-customers").build());
            started.push(customerConnection);
            customers = new RedisCustomerDirectory(customerConnection, config.redis().keyPrefix());
            CallerIdentification identification = new CallerIdentification(customers, phoneKey, blocking);
            AgentDayFigures dayFigures = new AgentDayFigures(zone, clock);
            seed(dayFigures, zone, clock);
            WaitEstimatorFeed waits = waitEstimates(config, clock);
            aftercare = new CallAftercare(history, identification, roster, dayFigures);
            roster.onChange(view -> floor.publish(new FloorEvent.AgentChanged(view)));
            roster.onWrapUpEnded(ended -> blocking.execute(() -> aftercare.wrapUpEnded(ended)));
            roster.onAlert(alert -> {
                log.warn("ALERT {}: {}", alert.kind(), alert.message());
                floor.publish(new FloorEvent.AlertRaised(new FloorEvent.Alert(alert.at(), alert.kind(),
                        alert.message(), alert.agentId(), null, null)));
            });

            metrics = new HotlineMetrics(new HotlineMetrics.Sources(roster::agents, this::agiSessions,
                    this::amiConnected, history::pendingWrites, history::writeFailures, history::deadLetters,
                    history::backlogOverflowing, this::webSocketClients), queues);
            feed = new ScreenFeed(screenSettings(config), roster, liveCalls, dayFigures, floorThread, metrics, clock);
            warmUp(feed, customers);
            floor.subscribe(feed);
            FloorWatch watch = new FloorWatch(liveCalls, standards, floor, clock);
            BoardFigures boardFigures = new BoardFigures(kpis, feed, metrics::popLatencyP95Millis, (queue, today) -> {
                metrics.kpisToday(queue, today);
                watch.serviceLevel(queue, today.serviceLevel(), config.standards().serviceLevelTarget());
            });
            floor.subscribe(waits);
            floor.subscribe(event -> {
                // A live call reaches the journal when it arrives and when an agent answers: what a
                // restart after a crash needs to complete its record (interrupted, or answered).
                if (event instanceof FloorEvent.CallChanged changed
                        && (changed.call().state().equals("arrived") || changed.call().state().equals("talking"))) {
                    liveCalls.find(changed.call().callId())
                            .ifPresent(call -> history.progress(call.toRecord(clock.instant())));
                }
                if (event instanceof FloorEvent.CallEnded ended) {
                    metrics.callEnded(ended.record().outcome());
                    // one refresh per second at most for the calls that end: each reads all of today's intervals
                    boardFigures.callEnded(ticker, blocking, BOARD_SETTLE);
                }
            });
            ticker.scheduleWithFixedDelay(() -> tick(roster::tick, watch::tick, acd::tick), 1, 1, TimeUnit.SECONDS);
            ticker.scheduleWithFixedDelay(() -> blocking.execute(boardFigures::refresh), 0, 15, TimeUnit.SECONDS);

            TelephonyEventRouter telephony = new TelephonyEventRouter(roster, liveCalls, floor);
            AtomicInteger amiConnections = new AtomicInteger();
            java.util.concurrent.atomic.AtomicReference<CallbackDesk> callbackDesk = new java.util.concurrent.atomic.AtomicReference<>();
            ami = AmiClient.create(amiOptions(config.ami()), clock, event -> {
                if (event instanceof TelephonyEvent.ManagerConnectionChanged c && c.connected()
                        && amiConnections.incrementAndGet() > 1) {
                    metrics.amiReconnected();
                }
                telephony.accept(event);
                CallbackDesk callbacks = callbackDesk.get();
                if (event instanceof TelephonyEvent.OriginateEnded ended && callbacks != null) {
                    callbacks.originateEnded(ended);
                }
            });
            started.push(ami);
            ami.start();

            java.util.function.Consumer<org.hotline.call.CallRecord> recorder = record -> {
                history.append(record, rules.contribution(record));
                aftercare.callEnded(record);
            };
            CallFlowSettings flow = CallFlowSettings.from(config, standards);
            Map<String, org.hotline.agi.AgiScript> scripts = new LinkedHashMap<>();
            CallbackSettings.from(config.callbacks()).ifPresent(settings -> {
                ScheduledExecutorService callbackThread = Executors.newSingleThreadScheduledExecutor(named("hotline-callbacks"));
                started.push(callbackThread::shutdownNow);
                CallbackDesk desk = new CallbackDesk(settings, flow, roster, acd, liveCalls, floor, recorder,
                        new AmiCallbackRinger(ami), callbackThread, clock);
                callbackDesk.set(desk);
                scripts.put("callback", desk);
                desk.start();
            });
            HotlineCallScript callScript = new HotlineCallScript(flow, roster, acd, liveCalls, recorder, identification,
                    floor, clock, callbackDesk.get(), announcer(config, acd, waits.estimator(), roster, clock));
            scripts.put("hotline", callScript);
            fastAgi = new FastAgiServer(fastAgiOptions(config.fastagi()), AgiScriptResolver.byName(Map.copyOf(scripts)));
            started.push(fastAgi);
            fastAgi.start();

            // Bounded: past apiQueueLimit waiting requests the HTTP handler answers 503 at once
            // rather than letting a burst queue without end.
            ExecutorService apiExecutor = new ThreadPoolExecutor(4, 4, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(config.http().apiQueueLimit()), named("hotline-api"));
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
            Logins logins = Logins.fromConfig(config, clock);
            CenterDesk desk = new CenterDesk(roster, liveCalls, aftercare, ami, config.center().agentChannel());
            ApiRouter router = new ApiRouter(config.http().apiToken(), history, kpis, roster, customers, desk, logins,
                    new ApiSettings(config.center().pauseReasons(), config.center().dispositionCodes(),
                            phoneKey, clock), checks);
            web = new WebServer(webOptions(config.http()), router, apiExecutor,
                    new LiveWeb(feed, cookie -> logins.authenticateCookie(cookie).map(p ->
                            new SocketUser(p.username(), p.isSupervisor(), p.agentId())),
                            metrics::scrape, config.http().metricsLoopbackOnly()));
            started.push(web);
            web.start();
            log.info("Hotline up: FastAGI {}:{}, HTTP {}:{} (agent desktop /agent, board /board)",
                    config.fastagi().host(), fastAgi.port(), config.http().host(), web.port());
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Pays the first-use costs before the first call rather than on its pop: the customer
     * directory's connection and scripts, and the JSON writers of the screens' messages.
     */
    private static void warmUp(ScreenFeed feed, CustomerDirectory customers) {
        feed.warmUp();
        try {
            customers.findByPhone("+10000000000");
        } catch (RuntimeException e) {
            log.warn("customer directory not reachable at start ({}); callers show as unknown until it is",
                    e.getMessage());
        }
    }

    /**
     * The estimator of queued callers' waits, with the stored calls of its window replayed into it
     * (a store that is away only costs their history: it then observes from now).
     */
    private WaitEstimatorFeed waitEstimates(HotlineConfig config, Clock clock) {
        Instant now = clock.instant();
        Instant from = now.minus(WaitEstimator.WINDOW);
        List<CallRecord> stored;
        try {
            stored = history.since(from, 50_000);
        } catch (RuntimeException e) {
            log.warn("estimated waits start without the recent answers: {}", e.getMessage());
            from = now;
            stored = List.of();
        }
        WaitEstimatorFeed feed = new WaitEstimatorFeed(
                new WaitEstimator(clock, Duration.ofSeconds(config.center().wrapUpSeconds()), from), clock);
        feed.replay(stored);
        return feed;
    }

    /** Announcements of place and wait to queued callers, for the queues whose announceEverySeconds is not 0. */
    private static QueueAnnouncer announcer(HotlineConfig config, Acd acd, WaitEstimator estimator, AgentRoster roster,
                                            Clock clock) {
        Map<String, Duration> every = new LinkedHashMap<>();
        config.queues().forEach(q -> q.announceEvery().ifPresent(d -> every.put(q.name(), d)));
        HotlineConfig.IvrSection ivr = config.ivr();
        return new QueueAnnouncer(acd, estimator, roster::staffedWith, every,
                new PromptSet(ivr.defaultLanguage(), ivr.languages(), ivr.soundPrefix()), clock);
    }

    /** Rebuilds the agents' figures of today from the stored calls; a store that is away only costs the figures. */
    private void seed(AgentDayFigures figures, ZoneId zone, Clock clock) {
        try {
            figures.seed(history.since(LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant(), 50_000));
        } catch (RuntimeException e) {
            log.warn("agents' figures of today start from zero: {}", e.getMessage());
        }
    }

    private static ScreenFeed.Settings screenSettings(HotlineConfig config) {
        Map<String, String> queueSkills = new LinkedHashMap<>();
        config.queues().forEach(q -> queueSkills.put(q.name(), q.skill()));
        HotlineConfig.StandardsSection s = config.standards();
        Map<String, Object> standards = new LinkedHashMap<>();
        standards.put("ringCadenceSeconds", s.ringCadenceSeconds());
        standards.put("apologyAfterRings", s.apologyAfterRings());
        standards.put("agentRingLimitRings", s.agentRingLimitRings());
        standards.put("serviceLevelSeconds", s.serviceLevelSeconds());
        standards.put("serviceLevelTarget", s.serviceLevelTarget());
        return new ScreenFeed.Settings(config.center().name(), config.center().pauseReasons(),
                config.center().dispositionCodes(), queueSkills, standards);
    }

    /** Runs each periodic task; one that fails is logged and does not stop the others or the ticker. */
    private static void tick(Runnable... tasks) {
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("periodic task failed", e);
            }
        }
    }

    private int agiSessions() {
        return fastAgi == null ? 0 : fastAgi.activeSessions();
    }

    private boolean amiConnected() {
        return ami != null && ami.isConnected();
    }

    private int webSocketClients() {
        return feed == null ? 0 : feed.clients();
    }

    private static AgentRoster roster(HotlineConfig config, PhoneStandards standards, Clock clock) {
        List<Agent> agents = config.agents().stream()
                .map(a -> new Agent(a.id(), a.name(), a.extension(), a.skills())).toList();
        return new AgentRoster(agents,
                a -> config.center().dialStringOf(a.extension()),
                standards.missedRingsBeforePause(), Duration.ofSeconds(config.center().busyAgentRetrySeconds()),
                Duration.ofSeconds(config.center().wrapUpSeconds()), clock);
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

    private static RedisOptions redisOptions(HotlineConfig.RedisSection redis) {
        return RedisOptions.builder()
                .host(redis.host())
                .port(redis.port())
                .keyPrefix(redis.keyPrefix())
                .callRetention(Duration.ofDays(redis.callRetentionDays()))
                .build();
    }

    private static JournalOptions journalOptions(HotlineConfig.JournalSection journal) {
        return JournalOptions.builder()
                .directory(Path.of(journal.directory()))
                .groupCommit(Duration.ofMillis(journal.groupCommitMillis()))
                .maxPendingRecords(journal.maxPendingRecords())
                .build();
    }

    private static WebOptions webOptions(HotlineConfig.HttpSection http) {
        return WebOptions.builder()
                .host(http.host())
                .port(http.port())
                .idleTimeout(Duration.ofSeconds(http.idleTimeoutSeconds()))
                .build();
    }

    private static FastAgiOptions fastAgiOptions(HotlineConfig.FastAgiSection agi) {
        return FastAgiOptions.builder()
                .bindHost(agi.host())
                .port(agi.port())
                .maxLineLength(agi.maxLineLength())
                .maxEnvironmentLines(agi.maxEnvironmentLines())
                .idleTimeout(Duration.ofSeconds(agi.idleTimeoutSeconds()))
                .commandTimeout(Duration.ofSeconds(agi.commandTimeoutSeconds()))
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

    public CustomerDirectory customers() {
        return customers;
    }

    /** The calls in progress. */
    public LiveCalls liveCalls() {
        return liveCalls;
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
