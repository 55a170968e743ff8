package org.hotline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler alone on an {@link EmbeddedChannel}: what it answers, and what it hands on untouched. */
class StaticFileHandlerTest {

    private final StaticResources resources = new StaticResources();
    private final EmbeddedChannel channel = new EmbeddedChannel(new StaticFileHandler(resources));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void getOfThePageAnswersWithItsBytesAndHeaders() {
        channel.writeInbound(request(HttpMethod.GET, "/agent"));

        FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(HttpResponseStatus.OK, response.status());
            assertEquals("text/html; charset=utf-8", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
            assertEquals(StaticResources.CONTENT_SECURITY_POLICY,
                    response.headers().get("Content-Security-Policy"));
            assertEquals("nosniff", response.headers().get("X-Content-Type-Options"));
            assertEquals("no-cache", response.headers().get(HttpHeaderNames.CACHE_CONTROL));
            byte[] expected = resources.find("/agent").orElseThrow().bytes();
            assertEquals(expected.length, response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
            assertEquals(new String(expected, StandardCharsets.UTF_8),
                    response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
        }
        assertNull(channel.readInbound(), "answered, not passed on");
    }

    @Test
    void queryStringIsIgnored() {
        channel.writeInbound(request(HttpMethod.GET, "/static/agent.js?v=2"));

        FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(HttpResponseStatus.OK, response.status());
            assertEquals("text/javascript; charset=utf-8", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        } finally {
            response.release();
        }
    }

    @Test
    void headSendsTheHeadersWithoutTheBody() {
        channel.writeInbound(request(HttpMethod.HEAD, "/webjars/chart.js/4.4.9/dist/chart.umd.js"));

        FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(HttpResponseStatus.OK, response.status());
            assertEquals(resources.find("/webjars/chart.js/4.4.9/dist/chart.umd.js").orElseThrow().bytes().length,
                    response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
            assertEquals(0, response.content().readableBytes());
        } finally {
            response.release();
        }
    }

    @Test
    void matchingIfNoneMatchGets304WithoutBody() {
        String etag = resources.find("/board").orElseThrow().etag();
        FullHttpRequest request = request(HttpMethod.GET, "/board");
        request.headers().set(HttpHeaderNames.IF_NONE_MATCH, etag);

        channel.writeInbound(request);

        FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(HttpResponseStatus.NOT_MODIFIED, response.status());
            assertEquals(etag, response.headers().get(HttpHeaderNames.ETAG));
            assertEquals(0, response.content().readableBytes());
        } finally {
            response.release();
        }
    }

    @Test
    void staleIfNoneMatchGetsTheFile() {
        FullHttpRequest request = request(HttpMethod.GET, "/board");
        request.headers().set(HttpHeaderNames.IF_NONE_MATCH, "\"an-older-version\"");

        channel.writeInbound(request);

        FullHttpResponse response = channel.readOutbound();
        try {
            assertEquals(HttpResponseStatus.OK, response.status());
            assertTrue(response.content().readableBytes() > 0);
        } finally {
            response.release();
        }
    }

    @Test
    void apiRequestsArePassedOnUntouchedAndStillReadable() {
        FullHttpRequest request = request(HttpMethod.POST, "/api/login");
        request.content().writeBytes("{\"username\":\"1002\"}".getBytes(StandardCharsets.UTF_8));

        channel.writeInbound(request);

        assertNull(channel.readOutbound(), "no answer from the static handler");
        FullHttpRequest passedOn = channel.readInbound();
        try {
            assertSame(request, passedOn);
            assertEquals(1, passedOn.refCnt(), "retained for the next handler");
            assertEquals("{\"username\":\"1002\"}", passedOn.content().toString(StandardCharsets.UTF_8));
        } finally {
            passedOn.release();
        }
    }

    @Test
    void otherMethodsOnPagesAndUnknownFilesArePassedOn() {
        for (FullHttpRequest request : new FullHttpRequest[] {
                request(HttpMethod.POST, "/agent"),
                request(HttpMethod.GET, "/static/missing.js"),
                request(HttpMethod.GET, "/static/../agent.html")}) {
            channel.writeInbound(request);

            assertNull(channel.readOutbound(), request.uri());
            FullHttpRequest passedOn = channel.readInbound();
            assertEquals(request.uri(), passedOn.uri());
            passedOn.release();
        }
    }

    @Test
    void connectionCloseIsHonoured() {
        FullHttpRequest request = request(HttpMethod.GET, "/static/hotline.css");
        request.headers().set(HttpHeaderNames.CONNECTION, "close");

        channel.writeInbound(request);

        FullHttpResponse response = channel.readOutbound();
        response.release();
        assertFalse(channel.isOpen());
    }

    private static FullHttpRequest request(HttpMethod method, String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.buffer());
    }
}
