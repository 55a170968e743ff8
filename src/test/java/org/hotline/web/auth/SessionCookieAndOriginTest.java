package org.hotline.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCookieAndOriginTest {

    @Test
    void issuesAndClearsTheCookie() {
        assertEquals("hotline_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200",
                SessionCookie.issue("abc", Duration.ofHours(12)));
        assertEquals("hotline_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", SessionCookie.cleared());
    }

    @Test
    void readsEverySessionValueOfACookieHeader() {
        assertEquals(List.of(), SessionCookie.tokens(null));
        assertEquals(List.of(), SessionCookie.tokens("theme=dark"));
        assertEquals(List.of("a1"), SessionCookie.tokens("theme=dark; hotline_session=a1"));
        assertEquals(List.of("a1", "b2"), SessionCookie.tokens("hotline_session=a1;hotline_session=\"b2\"; x=hotline_session"));
        assertEquals(List.of(), SessionCookie.tokens("hotline_session=; other_hotline_session=z"));
    }

    @Test
    void sameOriginIsHttpOrHttpsOfTheHostHeader() {
        assertTrue(OriginCheck.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertTrue(OriginCheck.sameOrigin("https://Hotline.example", "hotline.example"));
        assertFalse(OriginCheck.sameOrigin("http://evil.example", "127.0.0.1:8080"));
        assertFalse(OriginCheck.sameOrigin("http://127.0.0.1:8080.evil.example", "127.0.0.1:8080"));
        assertFalse(OriginCheck.sameOrigin("null", "127.0.0.1:8080"));
        assertFalse(OriginCheck.sameOrigin(null, "127.0.0.1:8080"));
        assertFalse(OriginCheck.sameOrigin("http://127.0.0.1:8080", null));
        assertFalse(OriginCheck.sameOrigin("http://", ""));
    }
}
