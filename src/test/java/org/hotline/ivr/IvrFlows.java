package org.hotline.ivr;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hotline.config.ConfigLoader;

/** Flows for the tests: the sandbox's shipped sample, or one written in the test. */
public final class IvrFlows {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private IvrFlows() {
    }

    /** The sample flow exactly as config/hotline.yaml ships it (validated as at start-up). */
    static IvrFlow sample() {
        return new ConfigLoader(Map.of(ConfigLoader.API_TOKEN_ENV, "unit-test-token-0123456789"))
                .loadFiles(List.of(Path.of("config/hotline.yaml"))).ivr().flow().orElseThrow();
    }

    /** A flow from {@code nodes} (YAML) entered at {@code start}, in English only, no VIP skip. */
    public static IvrFlow of(String start, String nodes) {
        IvrProblems problems = new IvrProblems("ivr.", null);
        IvrFlow flow = new IvrFlowReader(problems).read(definition(start, nodes));
        if (flow != null) {
            new IvrFlowChecker(problems).check(flow, java.util.Set.of("support"), java.util.Set.of("support"),
                    PromptCatalog.UNCHECKED);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems.messages()));
        }
        return flow;
    }

    static IvrDefinition definition(String start, String nodes) {
        try {
            Map<String, Map<String, Object>> raw = YAML.readValue(nodes, new TypeReference<>() {
            });
            return new IvrDefinition(start, "en", List.of("en"), "hotline", false, null, 10, raw);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
