package livesurvey.ops;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import livesurvey.App;
import livesurvey.DatabaseTest;
import livesurvey.Database;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpsEndpointsTest extends DatabaseTest {
    @Test
    void health_is_up_with_the_database_and_migrations() {
        db.test((server, client) -> {
            var r = client.get("/health");
            assertEquals(200, r.code());
            assertEquals(Map.of("status", "up", "database", "up", "migrations", "applied", "writers", "up"),
                    livesurvey.web.Json.MAPPER.convertValue(parse(r), Map.class));
        });
    }

    @Test
    void health_is_503_and_says_the_database_is_down_when_it_is() {
        Database own = Database.open(db.config());
        try (App app = new App(db.config(), own)) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, HttpClient.newHttpClient(), Map.of()),
                    (server, client) -> {
                        assertEquals(200, client.get("/health").code());
                        own.close();
                        var r = client.get("/health");
                        assertEquals(503, r.code());
                        assertEquals("down", parse(r).get("status").asText());
                        assertEquals("down", parse(r).get("database").asText());
                        var api = new Respondent(client).start();
                        assertEquals(503, api.code(), "the API says 503 too");
                        assertTrue(parse(api).has("error"));
                    });
        }
    }

    @Test
    void metrics_count_requests_by_route_template_and_answers_stored() {
        db.test((server, client) -> {
            double before = value(client.get("/metrics").body().string(), "livesurvey_answers_stored_total");
            var ann = new Respondent(client);
            ann.start();
            assertEquals(200, ann.answer("name", "Ann").code());
            assertEquals(200, ann.answer("email", "ann-metrics@example.com").code());
            assertEquals(400, ann.answerRaw("name", "{", "application/json").code());
            String text = client.get("/metrics").body().string();
            assertEquals(before + 2, value(text, "livesurvey_answers_stored_total"), "refused answers do not count");
            assertTrue(text.contains("http_server_requests_seconds_count{method=\"PUT\",route=\"/api/surveys/{slug}"
                    + "/responses/me/answers/{key}\",status=\"200\"}"), "per route template");
            assertFalse(text.contains("/answers/name"), "never per raw path");
            assertTrue(text.contains("http_server_requests_seconds_bucket{"), "latency histogram");
            assertTrue(text.contains("hikaricp_connections{pool=\"livesurvey\"}"), "pool metrics");
            assertTrue(text.contains("livesurvey_live_connections "), "live streams gauge");
        });
    }

    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.E+-]+)$").matcher(text);
        assertTrue(m.find(), name + " missing");
        return Double.parseDouble(m.group(1));
    }
}
