package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.hotline.web.StaticResources.StaticResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real pages and the real chart.js webjar on the test classpath. */
class StaticResourcesTest {

    private final StaticResources resources = new StaticResources();

    @Test
    void agentPageIsHtmlWithThePolicyAndNoCaching() {
        StaticResource page = resources.find("/agent").orElseThrow();

        assertEquals("text/html; charset=utf-8", page.contentType());
        assertEquals(StaticResources.CONTENT_SECURITY_POLICY, page.headers().get("Content-Security-Policy"));
        assertEquals("no-cache", page.headers().get("Cache-Control"));
        assertEquals("nosniff", page.headers().get("X-Content-Type-Options"));
        assertEquals("same-origin", page.headers().get("Referrer-Policy"));
        assertTrue(new String(page.bytes(), StandardCharsets.UTF_8).contains("agent.js"));
    }

    @Test
    void boardPageIsHtml() {
        StaticResource page = resources.find("/board").orElseThrow();

        assertEquals("text/html; charset=utf-8", page.contentType());
        assertTrue(new String(page.bytes(), StandardCharsets.UTF_8).contains("board.js"));
    }

    @Test
    void thePolicyForbidsInlineCodeAndOtherOrigins() {
        String policy = StaticResources.CONTENT_SECURITY_POLICY;

        assertTrue(policy.contains("script-src 'self';"));
        assertTrue(policy.contains("style-src 'self';"));
        assertFalse(policy.contains("unsafe"));
        assertTrue(policy.contains("frame-ancestors 'none'"));
    }

    @Test
    void modulesAreJavaScriptSoBrowsersRunThem() {
        StaticResource module = resources.find("/static/common.js").orElseThrow();

        assertEquals("text/javascript; charset=utf-8", module.contentType());
        assertEquals("no-cache", module.headers().get("Cache-Control"), "revalidated, so an upgrade never runs old scripts");
        assertEquals("nosniff", module.headers().get("X-Content-Type-Options"));
        assertFalse(module.headers().containsKey("Content-Security-Policy"));
    }

    @Test
    void stylesheetAndIconsHaveTheirTypes() {
        assertEquals("text/css; charset=utf-8", resources.find("/static/hotline.css").orElseThrow().contentType());
        assertEquals("image/svg+xml", resources.find("/static/icons.svg").orElseThrow().contentType());
    }

    @Test
    void chartJsComesFromTheWebjarAndIsCachedForever() {
        StaticResource chart = resources.find("/webjars/chart.js/4.4.9/dist/chart.umd.js").orElseThrow();

        assertEquals("text/javascript; charset=utf-8", chart.contentType());
        assertEquals("public, max-age=31536000, immutable", chart.headers().get("Cache-Control"));
        assertTrue(chart.bytes().length > 100_000, "the whole library");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/static/../static/agent.html",
            "/static/..%2Fconfig%2Fdefaults.yaml",
            "/static/%2e%2e/web/StaticResources.class",
            "/static/..",
            "/static/./agent.js",
            "/static/.hidden.js",
            "/static//agent.js",
            "/static/sub\\..\\agent.js",
            "/webjars/../../org/hotline/config/defaults.yaml",
            "/webjars/chart.js/4.4.9/../4.4.9/dist/chart.umd.js",
            "/static/",
            "/webjars/"})
    void traversalAndOddNamesAreRefused(String path) {
        assertTrue(resources.find(path).isEmpty(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/",
            "/api/session",
            "/agent/",
            "/agent.html",
            "/static/missing.js",
            "/static/agent.exe",
            "/static/README",
            "/webjars/chart.js/4.4.9/package.yaml",
            "/webjars/chart.js/9.9.9/dist/chart.umd.js"})
    void unknownPathsAreEmpty(String path) {
        assertTrue(resources.find(path).isEmpty(), path);
        assertFalse(resources.knows(path), path);
    }

    @Test
    void onlyKnownExtensionsAreServedEvenWhenTheFileExists(@TempDir Path folder) throws IOException {
        Path statics = Files.createDirectories(folder.resolve("org/hotline/web/static"));
        Files.writeString(statics.resolve("secret.properties"), "password=x");
        Files.writeString(statics.resolve("ok.css"), "body{}");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
            StaticResources fromFolder = new StaticResources(loader);

            assertTrue(fromFolder.find("/static/secret.properties").isEmpty());
            assertTrue(fromFolder.find("/static/ok.css").isPresent());
        }
    }

    @Test
    void etagIsAHashOfTheBytes() {
        StaticResource agent = resources.find("/agent").orElseThrow();
        StaticResource board = resources.find("/board").orElseThrow();

        assertTrue(agent.etag().matches("\"[0-9a-f]{32}\""), agent.etag());
        assertEquals(agent.etag(), agent.headers().get("ETag"));
        assertEquals(agent.etag(), new StaticResources().find("/agent").orElseThrow().etag(), "stable");
        assertNotEquals(agent.etag(), board.etag());
    }

    @Test
    void ifNoneMatchWithTheCurrentTagMeansNotModified() {
        StaticResource agent = resources.find("/agent").orElseThrow();

        assertTrue(agent.matches(agent.etag()));
        assertTrue(agent.matches("\"old\", " + agent.etag()));
        assertTrue(agent.matches("W/" + agent.etag()));
        assertTrue(agent.matches("*"));
        assertFalse(agent.matches("\"old\""));
        assertFalse(agent.matches(null));
        assertFalse(agent.matches(""));
    }

    @Test
    void eachResourceIsReadOnce(@TempDir Path folder) throws IOException {
        Path statics = Files.createDirectories(folder.resolve("org/hotline/web/static"));
        Files.writeString(statics.resolve("app.js"), "export {};");
        AtomicInteger reads = new AtomicInteger();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                reads.incrementAndGet();
                return super.getResourceAsStream(name);
            }
        }) {
            StaticResources counted = new StaticResources(loader);

            StaticResource first = counted.find("/static/app.js").orElseThrow();
            StaticResource second = counted.find("/static/app.js").orElseThrow();

            assertSame(first, second);
            assertEquals(1, reads.get());
            assertArrayEquals("export {};".getBytes(StandardCharsets.UTF_8), first.bytes());
        }
    }
}
