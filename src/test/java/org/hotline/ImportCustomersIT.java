package org.hotline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.hotline.customer.CustomerView;
import org.hotline.redis.RedisCustomerDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The importer end to end against the real Redis on 127.0.0.1:6379, under a key prefix unique to
 * this run (set by an extra config file) that is deleted afterwards. Fails, never skips, when Redis
 * is not there.
 */
class ImportCustomersIT {

    private static final String PREFIX = "hotline-it:" + UUID.randomUUID() + ":";
    private static JedisPooled jedis;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void redisMustBeThere() {
        jedis = new JedisPooled("127.0.0.1", 6379);
        try {
            assertEquals("PONG", jedis.ping());
        } catch (RuntimeException e) {
            fail("Redis must listen on 127.0.0.1:6379 for this test (scripts/sandbox up): " + e, e);
        }
    }

    @AfterAll
    static void deleteThisRunsKeys() {
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(PREFIX + "*").count(1000));
            if (!page.getResult().isEmpty()) {
                jedis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        jedis.close();
    }

    private int run(String redisPort, String... args) throws IOException {
        Path overlay = dir.resolve("it.yaml");
        Files.writeString(overlay, "redis:\n  port: " + redisPort + "\n  keyPrefix: \"" + PREFIX + "\"\n");
        String[] all = new String[args.length + 4];
        all[0] = "--config";
        all[1] = "config/hotline.yaml";
        all[2] = "--config";
        all[3] = overlay.toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return new ImportCustomers(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
                Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC)).run(all);
    }

    private RedisCustomerDirectory directory() {
        return new RedisCustomerDirectory(jedis, PREFIX);
    }

    @Test
    void aCsvWithBadRowsLoadsTheGoodOnesAndReportsTheOthers() throws IOException {
        Path csv = dir.resolve("customers.csv");
        Files.writeString(csv, """
                id,name,phones,email,language,tier,account,notes
                IT-1,Ann,(415) 555-7001,ann@example.com,en,vip,,"calls, often"
                IT-2,,4155557002,,,,,
                IT-3,Cy,4155557003;628 555 7003,,,,,
                """);
        assertEquals(ImportCustomers.OK, run("6379", csv.toString()));
        assertEquals("line 3: missing name\n", err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("imported 2 customers (1 rows skipped) from "
                + csv + " in "), out.toString(StandardCharsets.UTF_8));
        CustomerView cy = directory().findByPhone("+16285557003").orElseThrow();
        assertEquals("IT-3", cy.customer().id());
        assertEquals("calls, often", directory().find("IT-1").orElseThrow().customer().notes());
    }

    @Test
    void aJsonFileRecordsTheHistoryItCarries() throws IOException {
        Path json = dir.resolve("customers.json");
        Files.writeString(json, """
                [{"id": "IT-J1", "name": "Jo", "phones": ["4155557101"],
                  "history": [{"id": "h1", "at": "2026-11-20T10:00:00Z", "channel": "chat"},
                              {"id": "h2", "at": "2026-11-21T10:00:00Z", "channel": "email"}],
                  "orders": [{"id": "O-9", "status": "shipped"}]}]
                """);
        assertEquals(ImportCustomers.OK, run("6379", json.toString()));
        assertEquals(ImportCustomers.OK, run("6379", json.toString()));
        CustomerView jo = directory().findByPhone("+14155557101").orElseThrow();
        assertEquals("shipped", jo.customer().orders().get(0).status());
        assertEquals(2, jo.recent().size(), "importing again replaced the entries");
        assertEquals("h2", jo.recent().get(0).id());
    }

    @Test
    void theSampleLoadsAndIsFoundByTheDemoNumbers() throws IOException {
        assertEquals(ImportCustomers.OK, run("6379", "--sample", "50"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("imported 50 customers (0 rows skipped)"));
        assertEquals("S-00049", directory().findByPhone("+14155550049").orElseThrow().customer().id());
    }

    @Test
    void aFileInvalidAsAWholeOrAnUnreachableRedisFail() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "id,name\nIT-9,Nine\n");
        assertEquals(ImportCustomers.FAILED, run("6379", csv.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing columns"), err.toString(StandardCharsets.UTF_8));
        assertEquals(ImportCustomers.FAILED, run("6379", dir.resolve("missing.csv").toString()));
        err.reset();
        assertEquals(ImportCustomers.FAILED, run("1", "--sample", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Redis at 127.0.0.1:1 unreachable"),
                err.toString(StandardCharsets.UTF_8));
    }
}
