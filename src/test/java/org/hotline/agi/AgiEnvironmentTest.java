package org.hotline.agi;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AgiEnvironmentTest {

    private static AgiEnvironment env(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return AgiEnvironment.of(m);
    }

    @Test
    void scriptNameFromNetworkScript() {
        assertEquals("hotline", env("agi_network_script", "hotline?lang=en").scriptName());
        assertEquals("ivr/main", env("agi_network_script", "/ivr/main/").scriptName());
    }

    @Test
    void scriptNameFromRequestWhenNetworkScriptIsAbsent() {
        assertEquals("hotline", env("agi_request", "agi://127.0.0.1:4573/hotline?x=1").scriptName());
        assertEquals("", env("agi_request", "agi://127.0.0.1").scriptName());
        assertEquals("", env().scriptName());
    }

    @Test
    void argumentsStopAtTheFirstGap() {
        AgiEnvironment e = env("agi_arg_1", "a", "agi_arg_2", "", "agi_arg_4", "d");
        assertEquals(List.of("a", ""), e.arguments());
    }

    @Test
    void orderIsKeptAndTheMapIsImmutable() {
        AgiEnvironment e = env("agi_z", "1", "agi_a", "2");
        assertEquals(List.of("agi_z", "agi_a"), List.copyOf(e.variables().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> e.variables().put("x", "y"));
        assertNull(e.channel());
    }

    @Test
    void resolverByName() {
        AgiScript script = s -> { };
        AgiScriptResolver resolver = AgiScriptResolver.byName(Map.of("hotline", script));
        assertEquals(script, resolver.resolve(env("agi_network_script", "hotline")).orElseThrow());
        assertEquals(true, resolver.resolve(env("agi_network_script", "other")).isEmpty());
    }

    @Test
    void optionsValidateAndKeepDefaults() {
        FastAgiOptions o = FastAgiOptions.defaults();
        assertEquals(FastAgiOptions.DEFAULT_PORT, o.port());
        assertEquals("127.0.0.1", o.bindHost());
        assertEquals(5000, o.toBuilder().port(5000).build().port());
        assertEquals(o, o.toBuilder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FastAgiOptions.builder().maxLineLength(0).build());
        assertEquals("maxLineLength must be positive, was 0", e.getMessage());
    }
}
