package org.hotline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No secret in any log line: the API token, the AMI secret, the demo passwords and their hashes
 * are looked for in everything Hotline logs while it starts, serves logins (right and wrong),
 * token requests (right and wrong), a call, and stops.
 */
class SecretsIT {

    private static final String HOTLINE = "http://127.0.0.1:8080";

    @BeforeAll
    static void sandboxIsUp() {
        Sandbox.requireUp();
    }

    @Test
    void noConfiguredSecretAppearsInTheLogs() throws Exception {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
        List<String> secrets = new ArrayList<>(List.of(HotlineUnderTest.TOKEN, "agent-1002", "supervisor-sup"));
        JsonNode shipped = new ObjectMapper(new YAMLFactory()).readTree(Sandbox.PROJECT.resolve("config/hotline.yaml").toFile());
        secrets.add(shipped.path("ami").path("secret").asText());
        shipped.path("agents").forEach(a -> secrets.add(a.path("passwordHash").asText()));
        shipped.path("supervisors").forEach(s -> secrets.add(s.path("passwordHash").asText()));
        try (HotlineUnderTest hotline = HotlineUnderTest.start(List.of("1002"));
             Sipp agent = Sipp.agent(2, "agent.xml", 300)) {
            HttpClient http = HttpClient.newHttpClient();
            for (String body : List.of("{\"username\":\"1002\",\"password\":\"agent-1002\"}",
                    "{\"username\":\"1002\",\"password\":\"agent-1002-wrong\"}",
                    "{\"username\":\"sup\",\"password\":\"supervisor-sup\"}",
                    "{\"username\":\"nobody\",\"password\":\"supervisor-sup\"}")) {
                http.send(HttpRequest.newBuilder(URI.create(HOTLINE + "/api/login")).header("Origin", HOTLINE)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            http.send(HttpRequest.newBuilder(URI.create(HOTLINE + "/api/calls"))
                    .header("Authorization", "Bearer " + HotlineUnderTest.TOKEN + "x").build(), HttpResponse.BodyHandlers.discarding());
            hotline.get("/api/agents");
            Sipp.callers("caller.xml", "5581", 1, 2000, 1000).awaitSuccess(Duration.ofSeconds(60));
            hotline.finishedCall("55811", Duration.ofSeconds(30));
        } finally {
            root.detachAppender(captured);
        }
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : secrets) {
                if (!secret.isBlank() && text.contains(secret)) {
                    leaks.add(event.getLoggerName() + ": " + text);
                }
            }
        }
        assertEquals(List.of(), leaks, "log lines that carry a secret (" + captured.list.size() + " lines read)");
        assertEquals(true, captured.list.stream().anyMatch(e -> e.getFormattedMessage().contains("from 55811 ended")),
                "the logs of the call were captured (" + captured.list.size() + " lines)");
    }
}
