package org.hotline.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@code hotline.yaml}: the built-in defaults ({@code defaults.yaml} beside this class, every
 * default in one commented file), then each given file on top, later files winning key by key
 * (lists are replaced whole). Unknown keys, wrong types and values out of range are errors that
 * name the key and the file; {@link ConfigValidator} checks the meaning.
 */
public final class ConfigLoader {

    static final String DEFAULTS_RESOURCE = "defaults.yaml";
    public static final String API_TOKEN_ENV = "HOTLINE_API_TOKEN";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    private final Map<String, String> environment;
    /** The built-in defaults as read once; each load merges into a copy. */
    private ObjectNode defaults;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static HotlineConfig load(Path... files) {
        return new ConfigLoader(System.getenv()).loadFiles(List.of(files));
    }

    public HotlineConfig loadFiles(List<Path> files) {
        ObjectNode merged = defaults();
        for (Path file : files) {
            JsonNode tree = read(file);
            resolveIvrPaths(tree, file, IVR_FILE, IVR_PROMPTS_DIRECTORY);
            merge(merged, tree, file.toString());
        }
        String source = files.isEmpty() ? "the built-in defaults"
                : files.stream().map(Path::toString).collect(Collectors.joining(" + "));
        String flowFile = mergeIvrFile(merged);
        if (flowFile != null) {
            source = source + " + " + flowFile;
        }
        HotlineConfig config = bind(merged, source);
        ConfigValidator.requireSections(config, source);
        config = withEnvironment(config, source);
        new ConfigValidator(source).validate(config);
        return config;
    }

    static final String IVR_FILE = "file";
    static final String IVR_PROMPTS_DIRECTORY = "promptsDirectory";

    /** Makes the named relative paths under {@code ivr} relative to the directory of {@code file}, which names them. */
    private static void resolveIvrPaths(JsonNode tree, Path file, String... keys) {
        JsonNode section = tree.path("ivr");
        if (!(section instanceof ObjectNode ivr)) {
            return;
        }
        for (String key : keys) {
            JsonNode value = ivr.get(key);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                Path path = Path.of(value.asText());
                if (!path.isAbsolute()) {
                    Path dir = file.toAbsolutePath().getParent();
                    ivr.put(key, dir == null ? path.toString() : displayed(dir.resolve(path).normalize()));
                }
            }
        }
    }

    /** A path under the working directory reads relative to it (shorter messages); others stay absolute. */
    private static String displayed(Path absolute) {
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute).toString() : absolute.toString();
    }

    /**
     * When {@code ivr.file} names a flow file, its keys replace the same keys of {@code ivr}.
     *
     * @return the flow file, or null when none is named
     */
    private String mergeIvrFile(ObjectNode merged) {
        JsonNode section = merged.path("ivr");
        if (!(section instanceof ObjectNode ivr) || !ivr.path(IVR_FILE).isTextual()
                || ivr.path(IVR_FILE).asText().isBlank()) {
            return null;
        }
        Path flowFile = Path.of(ivr.path(IVR_FILE).asText());
        JsonNode flow = read(flowFile);
        if (flow.has(IVR_FILE)) {
            throw new ConfigException(flowFile.toString(), List.of("file: a flow file cannot name another one"));
        }
        resolveIvrPaths(merged.objectNode().set("ivr", flow), flowFile, IVR_PROMPTS_DIRECTORY);
        flow.fields().forEachRemaining(field -> ivr.set(field.getKey(), field.getValue()));
        return flowFile.toString();
    }

    /**
     * A fresh copy of the built-in defaults (the merge writes into it), read from the jar on the
     * first load only: they are the same for every load, and reading them cost more than most
     * config files do.
     */
    private synchronized ObjectNode defaults() {
        if (defaults == null) {
            try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("built-in " + DEFAULTS_RESOURCE + " is missing from the jar");
                }
                defaults = (ObjectNode) yaml.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read built-in " + DEFAULTS_RESOURCE, e);
            }
        }
        return defaults.deepCopy();
    }

    private JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file.toString(), List.of("file not found"));
        }
        try {
            JsonNode tree = yaml.readTree(file.toFile());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return yaml.createObjectNode();
            }
            if (!tree.isObject()) {
                throw new ConfigException(file.toString(), List.of("the top level must be a mapping of sections"));
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), List.of("not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
    }

    /** Deep merge of mappings; any other value (lists included) replaces the default. */
    private void merge(ObjectNode target, JsonNode overlay, String source) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
                merge(existingObject, field.getValue(), source);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private HotlineConfig bind(ObjectNode merged, String source) {
        try {
            return yaml.treeToValue(merged, HotlineConfig.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            throw new ConfigException(source, List.of("unknown key '" + keyOf(e) + "' (known keys there: "
                    + String.join(", ", known) + ")"));
        } catch (JsonMappingException e) {
            throw new ConfigException(source, List.of("bad value for '" + keyOf(e) + "': " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(e.getOriginalMessage()));
        }
    }

    static String keyOf(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!key.isEmpty()) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
            }
        }
        return key.isEmpty() ? "(top level)" : key.toString();
    }

    /**
     * The API token: {@code HOTLINE_API_TOKEN} if set, else {@code http.apiToken}, else the
     * contents of {@code http.apiTokenFile}. A token file that is named but cannot be read is an
     * error naming the key and the file.
     */
    private HotlineConfig withEnvironment(HotlineConfig config, String source) {
        HotlineConfig.HttpSection http = config.http();
        String token = environment.get(API_TOKEN_ENV);
        if (token == null || token.isBlank()) {
            token = http.apiToken();
        }
        if ((token == null || token.isBlank()) && http.apiTokenFile() != null && !http.apiTokenFile().isBlank()) {
            Path file = Path.of(http.apiTokenFile());
            try {
                token = Files.readString(file).strip();
            } catch (IOException e) {
                throw new ConfigException(source, List.of("http.apiTokenFile: cannot read " + file + " ("
                        + e.getClass().getSimpleName() + "); scripts/sandbox up writes one, or set http.apiToken or "
                        + API_TOKEN_ENV));
            }
        }
        if (token == null || token.equals(http.apiToken())) {
            return config;
        }
        return new HotlineConfig(config.fastagi(), http.withApiToken(token),
                config.ami(), config.redis(), config.center(), config.standards(), config.prompts(),
                config.queues(), config.agents(), config.supervisors(), config.journal(), config.ivr(),
                config.survey(), config.callbacks());
    }
}
