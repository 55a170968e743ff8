package org.hotline.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The pages and their files, read from the classpath. A plain function from a request path to
 * what to send, so it is tested without a socket; {@link StaticFileHandler} puts it on the wire.
 *
 * <table>
 *   <caption>Paths</caption>
 *   <tr><th>path</th><th>classpath resource</th><th>Cache-Control</th></tr>
 *   <tr><td>/agent</td><td>org/hotline/web/static/agent.html</td><td>no-cache</td></tr>
 *   <tr><td>/board</td><td>org/hotline/web/static/board.html</td><td>no-cache</td></tr>
 *   <tr><td>/static/NAME</td><td>org/hotline/web/static/NAME</td><td>no-cache, revalidated by ETag
 *       </td></tr>
 *   <tr><td>/webjars/PATH</td><td>META-INF/resources/webjars/PATH</td><td>public, max-age=31536000,
 *       immutable (the path carries the version)</td></tr>
 * </table>
 *
 * Only names made of segments of {@code [A-Za-z0-9_-][A-Za-z0-9._-]*} and ending in a known
 * extension ({@link #CONTENT_TYPES}) are served: no {@code ..}, no percent-escapes, no backslashes,
 * no hidden files, so a path can never leave its folder. Every answer carries
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin} and a strong ETag
 * (a hash of the bytes); HTML also carries {@link #CONTENT_SECURITY_POLICY}.
 *
 * <p>Each resource is read once and kept in memory (they are a few hundred KiB in all); unknown
 * paths are not remembered, so probing cannot grow the cache. Thread-safe.
 */
public final class StaticResources {

    /** The pages' policy: nothing inline, nothing from another origin (see the screens contract). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; form-action 'self'";

    /** Served extensions and their content types; JavaScript as text/javascript so modules load. */
    public static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "map", "application/json; charset=utf-8");

    static final String PAGES_FOLDER = "org/hotline/web/static/";
    static final String WEBJARS_FOLDER = "META-INF/resources/webjars/";
    static final String CACHE_HTML = "no-cache";
    /** The pages' own files carry no version in their names: browsers revalidate (cheap, by ETag) so an upgrade never mixes old scripts with new pages. */
    static final String CACHE_STATIC = "no-cache";
    static final String CACHE_WEBJAR = "public, max-age=31536000, immutable";

    private static final Map<String, String> PAGES = Map.of(
            "/agent", "agent.html",
            "/board", "board.html");
    private static final String STATIC_PREFIX = "/static/";
    private static final String WEBJARS_PREFIX = "/webjars/";
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_PATH_LENGTH = 256;

    /**
     * One file ready to send.
     *
     * @param bytes       the body; do not modify (shared by every request)
     * @param contentType the Content-Type header value
     * @param headers     every other response header, including {@code ETag} and {@code Cache-Control}
     * @param etag        the strong entity tag, quoted, e.g. {@code "3f2a…"}
     */
    public record StaticResource(byte[] bytes, String contentType, Map<String, String> headers, String etag) {

        public StaticResource {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(contentType, "contentType");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(etag, "etag");
        }

        /**
         * Whether a request's {@code If-None-Match} header value names this version, so the
         * answer is 304 without a body. Accepts {@code *}, a comma-separated list, and weak tags
         * ({@code W/"…"}, compared weakly as RFC 9110 asks for If-None-Match).
         */
        public boolean matches(String ifNoneMatch) {
            if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
                return false;
            }
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*")) {
                    return true;
                }
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals(etag)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final ClassLoader classLoader;
    private final Map<String, StaticResource> loaded = new ConcurrentHashMap<>();

    /** Reads from the class loader that loaded this class (the jar, or target/classes in tests). */
    public StaticResources() {
        this(StaticResources.class.getClassLoader());
    }

    StaticResources(ClassLoader classLoader) {
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * The resource for a request path (the raw path, without the query string), or empty when
     * the path is not one of ours, is unsafe, has an unknown extension or names no file.
     */
    public Optional<StaticResource> find(String rawPath) {
        if (rawPath == null || rawPath.length() > MAX_PATH_LENGTH) {
            return Optional.empty();
        }
        StaticResource cached = loaded.get(rawPath);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<StaticResource> found = locate(rawPath);
        found.ifPresent(resource -> loaded.putIfAbsent(rawPath, resource));
        return found;
    }

    /** Whether {@link #find} would answer for this path; used to decide whether to handle a request. */
    public boolean knows(String rawPath) {
        return find(rawPath).isPresent();
    }

    private Optional<StaticResource> locate(String rawPath) {
        String page = PAGES.get(rawPath);
        if (page != null) {
            return load(PAGES_FOLDER + page, "html", CACHE_HTML);
        }
        if (rawPath.startsWith(STATIC_PREFIX)) {
            return safeName(rawPath.substring(STATIC_PREFIX.length()))
                    .flatMap(name -> {
                        String extension = extensionOf(name);
                        return load(PAGES_FOLDER + name, extension,
                                extension.equals("html") ? CACHE_HTML : CACHE_STATIC);
                    });
        }
        if (rawPath.startsWith(WEBJARS_PREFIX)) {
            return safeName(rawPath.substring(WEBJARS_PREFIX.length()))
                    .flatMap(name -> load(WEBJARS_FOLDER + name, extensionOf(name), CACHE_WEBJAR));
        }
        return Optional.empty();
    }

    /** The name when every segment is safe and the extension is known; empty otherwise. */
    private static Optional<String> safeName(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || !SAFE_SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
        }
        return CONTENT_TYPES.containsKey(extensionOf(name)) ? Optional.of(name) : Optional.empty();
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private Optional<StaticResource> load(String classpathName, String extension, String cacheControl) {
        byte[] bytes;
        try (InputStream in = classLoader.getResourceAsStream(classpathName)) {
            if (in == null) {
                return Optional.empty();
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            // A directory of that name, or an unreadable jar entry: nothing to serve.
            return Optional.empty();
        }
        String etag = "\"" + sha256Prefix(bytes) + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", cacheControl);
        headers.put("ETag", etag);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        if (extension.equals("html")) {
            headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        }
        return Optional.of(new StaticResource(bytes, CONTENT_TYPES.get(extension), headers, etag));
    }

    /** The first 128 bits of SHA-256 in hex: plenty to tell versions of one file apart. */
    private static String sha256Prefix(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
