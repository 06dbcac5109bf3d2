package livesurvey.web;

import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.javalin.testtools.TestCase;
import io.javalin.testtools.TestConfig;
import livesurvey.App;
import livesurvey.Backend;
import livesurvey.DatabaseTest;
import livesurvey.Config;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardeningTest extends DatabaseTest {
    private static String header(Response r, String name) {
        List<String> values = r.headers().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Test
    void every_kind_of_response_carries_the_security_headers() {
        db.test((server, client) -> {
            for (String path : List.of("/", "/survey", "/static/css/site.css", "/webjars/swagger-ui/5.32.15/swagger-ui.css",
                    "/api/surveys/default", "/api/nowhere", "/nowhere", "/health")) {
                Response r = client.get(path);
                String csp = header(r, "Content-Security-Policy");
                assertNotNull(csp, path);
                assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
                assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
                assertEquals("nosniff", header(r, "X-Content-Type-Options"), path);
                assertEquals("same-origin", header(r, "Referrer-Policy"), path);
            }
            assertEquals("no-store", header(new Respondent(client).start(), "Cache-Control"), "respondent replies are private");
        });
    }

    @Test
    void a_cross_site_write_is_refused_and_changes_nothing() {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            Response r = client.request("/api/surveys/default/responses/me/answers/name", b -> b
                    .header("Content-Type", "application/json").header("Cookie", ann.cookie())
                    .header("Origin", "https://evil.example").put(HttpRequest.BodyPublishers.ofString("{\"value\":\"pwned\"}")));
            assertEquals(403, r.code());
            assertTrue(parse(r).get("error").asText().contains("Cross-site"));
            assertFalse(parse(ann.state()).get("answers").has("name"));
            Response viaReferer = client.request("/api/surveys/default/responses/me", b -> b
                    .header("Cookie", ann.cookie()).header("Referer", "https://evil.example/page").delete(HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, viaReferer.code());
            Response sameSite = client.request("/api/surveys/default/responses/me/answers/name", b -> b
                    .header("Content-Type", "application/json").header("Cookie", ann.cookie())
                    .header("Origin", client.getOrigin()).put(HttpRequest.BodyPublishers.ofString("{\"value\":\"Ann\"}")));
            assertEquals(200, sameSite.code(), "the page's own requests pass");
            Response bearer = client.request("/api/surveys/default/responses/me/complete", b -> b
                    .header("Authorization", "Bearer whatever").header("Origin", "https://evil.example")
                    .post(HttpRequest.BodyPublishers.noBody()));
            assertTrue(bearer.code() != 403, "bearer requests are exempt: " + bearer.code());
        });
    }

    @Test
    void an_oversized_body_is_413_json_with_or_without_content_length() throws Exception {
        db.test((server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            String big = "{\"value\":\"" + "a".repeat(70_000) + "\"}";
            Response declared = ann.answerRaw("name", big, "application/json");
            assertEquals(413, declared.code());
            assertTrue(parse(declared).get("error").asText().contains("64 KiB"));
            // A stream of unknown length goes out chunked, without Content-Length.
            var request = HttpRequest.newBuilder(URI.create(client.getOrigin() + "/api/surveys/default/responses/me/answers/name"))
                    .header("Content-Type", "application/json").header("Cookie", ann.cookie())
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() ->
                            new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build();
            HttpResponse<String> chunked = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode(), chunked.body());
            assertTrue(chunked.body().contains("\"error\""), chunked.body());
            assertFalse(parse(ann.state()).get("answers").has("name"), "nothing stored");
            assertEquals(200, ann.answer("name", "Ann").code(), "still serving");
        });
    }

    private void withLimits(RateLimits limits, TestCase test) {
        Config base = db.config();
        Config limited = new Config(0, base.databaseUrl(), base.databaseUser(), base.databasePassword(), false,
                base.adminPassword(), limits);
        try (App app = new App(limited, db.database())) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, java.net.http.HttpClient.newHttpClient(), Map.of()), test);
        }
    }

    @Test
    void starting_too_many_responses_from_one_client_is_429_with_retry_after() {
        withLimits(new RateLimits(true, Map.of(ApiRoute.RateLimit.START, 3, ApiRoute.RateLimit.ANSWER, 5,
                ApiRoute.RateLimit.LOGIN, 2)), (server, client) -> {
            for (int i = 0; i < 3; i++) {
                assertEquals(201, new Respondent(client).start().code());
            }
            Response refused = new Respondent(client).start();
            assertEquals(429, refused.code());
            int retryAfter = Integer.parseInt(header(refused, "Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 20, "one token refills in 20 s at 3/min: " + retryAfter);
            assertTrue(parse(refused).get("error").asText().contains("Too many requests"));
            assertEquals(200, client.get("/api/surveys/default").code(), "unlimited routes still serve");
        });
    }

    @Test
    void answering_too_fast_is_429_and_the_refused_answer_is_not_stored() {
        withLimits(new RateLimits(true, Map.of(ApiRoute.RateLimit.START, 30, ApiRoute.RateLimit.ANSWER, 5,
                ApiRoute.RateLimit.LOGIN, 2)), (server, client) -> {
            var ann = new Respondent(client);
            ann.start();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, ann.answer("name", "Ann " + i).code());
            }
            Response refused = ann.answer("name", "Too fast");
            assertEquals(429, refused.code());
            assertNotNull(header(refused, "Retry-After"));
            assertEquals("Ann 4", parse(ann.state()).at("/answers/name/value").asText());
        });
    }

    @Test
    void rate_limits_off_lets_a_load_test_through() {
        withLimits(RateLimits.OFF, (server, client) -> {
            for (int i = 0; i < 40; i++) {
                assertEquals(201, new Respondent(client).start().code());
            }
        });
    }

    @Test
    void rate_limit_settings_are_parsed_with_a_clear_message() {
        var problems = new java.util.ArrayList<String>();
        RateLimits parsed = RateLimits.parse("start=5, login=3", problems);
        assertEquals(List.of(), problems);
        assertEquals(5, parsed.limit(ApiRoute.RateLimit.START));
        assertEquals(3, parsed.limit(ApiRoute.RateLimit.LOGIN));
        assertEquals(RateLimits.DEFAULTS.limit(ApiRoute.RateLimit.ANSWER), parsed.limit(ApiRoute.RateLimit.ANSWER));
        assertFalse(RateLimits.parse("off", problems).enabled());
        RateLimits.parse("starts=5,answer=-1", problems);
        assertEquals(2, problems.size(), problems.toString());
    }

    private static String login(HttpClient client, String password) {
        Response r = client.request("/api/login", b -> b.header("Content-Type", "application/json")
                .post(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")));
        List<String> cookies = r.headers().get("Set-Cookie");
        return r.code() == 200 && cookies != null ? cookies.get(0) : "status " + r.code();
    }

    @Test
    void a_cross_site_admin_delete_riding_on_the_session_cookie_is_refused() {
        db.test((server, client) -> {
            long id = parse(new Respondent(client).start()).get("id").asLong();
            String setCookie = login(client, Backend.ADMIN_PASSWORD);
            assertTrue(setCookie.contains("SameSite=Strict") && setCookie.contains("HttpOnly"), setCookie);
            String session = setCookie.substring(0, setCookie.indexOf(';'));
            String path = "/api/surveys/default/responses/" + id;
            Response forged = client.request(path, b -> b.header("Cookie", session)
                    .header("Origin", "https://evil.example").delete(HttpRequest.BodyPublishers.noBody()));
            assertEquals(403, forged.code());
            Response still = client.request(path, b -> b.header("Cookie", session));
            assertEquals(200, still.code(), "the response is still there");
            assertEquals("no-store", header(still, "Cache-Control"), "admin replies are not cached");
            Response own = client.request(path, b -> b.header("Cookie", session)
                    .header("Origin", client.getOrigin()).delete(HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, own.code(), "the dashboard's own delete passes");
        });
    }

    @Test
    void login_is_throttled_per_client_and_says_the_same_for_any_wrong_credentials() {
        withLimits(new RateLimits(true, Map.of(ApiRoute.RateLimit.START, 30, ApiRoute.RateLimit.ANSWER, 30,
                ApiRoute.RateLimit.LOGIN, 3)), (server, client) -> {
            Response unknownUser = client.request("/api/login", b -> b.header("Content-Type", "application/json")
                    .post(HttpRequest.BodyPublishers.ofString("{\"username\":\"root\",\"password\":\"guess\"}")));
            Response wrongPassword = client.request("/api/login", b -> b.header("Content-Type", "application/json")
                    .post(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"guess\"}")));
            assertEquals(401, unknownUser.code());
            assertEquals(unknownUser.body().string(), wrongPassword.body().string(), "no user enumeration");
            assertTrue(login(client, Backend.ADMIN_PASSWORD).startsWith("ls_admin="));
            assertEquals("status 429", login(client, Backend.ADMIN_PASSWORD), "the fourth try in a minute waits");
        });
    }

    @Test
    void production_refuses_to_start_without_an_admin_password_and_marks_cookies_secure() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(livesurvey.StartupException.class,
                () -> Config.fromEnv(Map.of("LIVESURVEY_ENV", "production")));
        assertTrue(e.getMessage().contains("LIVESURVEY_ADMIN_PASSWORD"), e.getMessage());
        Config base = db.config();
        Config production = new Config(0, base.databaseUrl(), base.databaseUser(), base.databasePassword(), true,
                base.adminPassword());
        try (App app = new App(production, db.database())) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, java.net.http.HttpClient.newHttpClient(), Map.of()),
                    (server, client) -> {
                        assertTrue(login(client, Backend.ADMIN_PASSWORD).contains("Secure"), "admin cookie");
                        assertTrue(header(new Respondent(client).start(), "Set-Cookie").contains("Secure"), "respondent cookie");
                    });
        }
    }
}
