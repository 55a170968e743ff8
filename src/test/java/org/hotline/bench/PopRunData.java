package org.hotline.bench;

import java.time.Clock;
import java.util.List;
import org.hotline.customer.SampleCustomers;
import org.hotline.redis.RedisCustomerDirectory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * What one run of the pop benchmark keeps in Redis, all under its own key prefix: the sample
 * customers the callers are (imported through the same directory code the server reads them
 * with), and whatever the server writes while it runs (calls, KPIs, histories). Deleting the run
 * removes every key under the prefix.
 */
final class PopRunData implements AutoCloseable {

    private final JedisPooled jedis;
    private final String keyPrefix;

    PopRunData(String host, int port, String keyPrefix) {
        if (!keyPrefix.matches("[A-Za-z0-9:_-]+")) {
            throw new IllegalArgumentException("a run's key prefix must not hold glob characters: " + keyPrefix);
        }
        this.jedis = new JedisPooled(new HostAndPort(host, port),
                DefaultJedisClientConfig.builder().clientName("hotline-popbench").build());
        this.keyPrefix = keyPrefix;
    }

    /** Imports the first {@code count} sample customers (phones {@code +1415555XXXX}) with their histories. */
    void importCustomers(int count) {
        new RedisCustomerDirectory(jedis, keyPrefix).saveAll(SampleCustomers.sample(count, Clock.systemUTC()));
    }

    /** Deletes every key under the run's prefix (SCAN and UNLINK, so Redis never blocks on it). */
    long deleteKeys() {
        ScanParams match = new ScanParams().match(keyPrefix + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        long deleted = 0;
        do {
            ScanResult<String> page = jedis.scan(cursor, match);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                deleted += jedis.unlink(keys.toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return deleted;
    }

    @Override
    public void close() {
        jedis.close();
    }
}
