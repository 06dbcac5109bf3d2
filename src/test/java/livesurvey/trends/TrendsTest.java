package livesurvey.trends;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrendsTest extends DatabaseTest {
    private static final String TRENDS = "/api/surveys/default/trends";

    /** Each test starts from an empty survey: whatever an earlier test left is deleted through the API. */
    @BeforeEach
    void empty() {
        db.test((server, client) -> {
            Admin.loggedIn(client).deleteAll();
        });
    }

    @Test
    void trends_and_funnel_count_starts_steps_and_completions_exactly_after_deletes() {
        db.test((server, client) -> {
            long kept = completed(client);
            long deletedCompleted = completed(client);
            long deletedAtStep2 = reachStep(client, 2);
            reachStep(client, 1);
            reachStep(client, 3);
            Admin admin = Admin.loggedIn(client);
            assertEquals(204, admin.delete(deletedCompleted).code());
            assertEquals(204, admin.delete(deletedAtStep2).code());
            assertTrue(kept > 0);

            for (String bucket : List.of("hour", "day")) {
                JsonNode trends = parse(admin.get(TRENDS + "?bucket=" + bucket));
                assertEquals(bucket, trends.get("bucket").asText());
                assertEquals(3, total(trends, "started"), bucket + ": " + trends);
                assertEquals(1, total(trends, "completed"), bucket + ": " + trends);
            }
            JsonNode funnel = admin.summary().get("funnel");
            // The counters kept change by change equal a recount from the rows.
            String hours = parse(admin.get(TRENDS)).toString();
            String days = parse(admin.get(TRENDS + "?bucket=day")).toString();
            db.database().jdbi().useTransaction(h -> TrendCounters.recount(h,
                    h.createQuery("SELECT id FROM surveys WHERE slug = 'default'").mapTo(Long.class).one()));
            assertEquals(hours, parse(admin.get(TRENDS)).toString());
            assertEquals(days, parse(admin.get(TRENDS + "?bucket=day")).toString());
            // A change after the recount (started, then deleted) drops the cached summary; nothing moves.
            assertEquals(204, admin.delete(reachStep(client, 1)).code());
            assertEquals(hours, parse(admin.get(TRENDS)).toString());
            assertEquals(funnel.toString(), admin.summary().get("funnel").toString());
            assertEquals("[{\"step\":1,\"reached\":3},{\"step\":2,\"reached\":2},{\"step\":3,\"reached\":2},"
                    + "{\"step\":4,\"reached\":1}]", funnel.get("steps").toString());
            assertEquals(1, funnel.get("completed").asLong());
        });
    }

    @Test
    void default_ranges_are_the_last_48_hours_and_90_days_every_bucket_present() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            JsonNode hours = parse(admin.get(TRENDS)).get("points");
            assertEquals(48, hours.size());
            Instant first = Instant.parse(hours.get(0).get("at").asText());
            Instant last = Instant.parse(hours.get(47).get("at").asText());
            assertEquals(Duration.ofHours(47), Duration.between(first, last));
            assertTrue(Duration.between(last, Instant.now()).compareTo(Duration.ofHours(1)) < 0);
            assertEquals(0, first.getEpochSecond() % 3600);
            JsonNode days = parse(admin.get(TRENDS + "?bucket=day")).get("points");
            assertEquals(90, days.size());
            assertEquals(0, Instant.parse(days.get(0).get("at").asText()).getEpochSecond() % 86400);
        });
    }

    @Test
    void an_explicit_range_gives_its_buckets_and_bad_parameters_a_clear_400() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            JsonNode days = parse(admin.get(TRENDS + "?bucket=day&from=2026-01-01&to=2026-01-03T12:00:00Z"));
            assertEquals("[{\"at\":\"2026-01-01T00:00:00Z\",\"started\":0,\"completed\":0},"
                    + "{\"at\":\"2026-01-02T00:00:00Z\",\"started\":0,\"completed\":0},"
                    + "{\"at\":\"2026-01-03T00:00:00Z\",\"started\":0,\"completed\":0}]", days.get("points").toString());
            for (String query : List.of("bucket=week", "from=yesterday", "to=2026-13-01",
                    "from=2026-02-01&to=2026-01-01", "bucket=hour&from=2000-01-01&to=2026-01-01",
                    "from=%2B999999999-01-01T00:00:00Z")) {
                var r = admin.get(TRENDS + "?" + query);
                assertEquals(400, r.code(), query + ": " + r.body().string());
                assertTrue(parse(r).get("error").asText().length() > 10, query);
            }
            assertEquals(401, new Admin(client).get(TRENDS).code());
        });
    }

    private static long completed(HttpClient client) {
        JsonNode done = new Respondent(client).completeWith("Ann", email(), "34", "female", List.of("red"));
        assertTrue(done.get("completed").asBoolean(), done.toString());
        return done.get("id").asLong();
    }

    /** A respondent who got as far as {@code step} and left; the response's id. */
    private static long reachStep(HttpClient client, int step) {
        Respondent r = new Respondent(client);
        long id = parse(r.start()).get("id").asLong();
        List<Runnable> steps = new ArrayList<>(List.of(
                () -> {
                    r.answer("name", "Bo");
                    r.answer("email", email());
                    assertEquals(200, r.step(1).code());
                },
                () -> {
                    r.answer("age", "40");
                    r.answer("about", "Hi");
                    assertEquals(200, r.step(2).code());
                }));
        steps.subList(0, step - 1).forEach(Runnable::run);
        assertEquals(step, parse(r.state()).get("currentStep").asInt());
        return id;
    }

    private static String email() {
        return UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static long total(JsonNode trends, String field) {
        long sum = 0;
        for (JsonNode p : trends.get("points")) {
            sum += p.get(field).asLong();
        }
        return sum;
    }
}
