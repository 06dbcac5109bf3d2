package livesurvey.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import io.javalin.testtools.TestConfig;
import livesurvey.Admin;
import livesurvey.App;
import livesurvey.Config;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.StartupException;
import livesurvey.TestClock;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static livesurvey.TestJson.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Responses past their survey's retention period are deleted by an hourly job, counters and all; time moved by a test clock. */
class RetentionTest extends DatabaseTest {

    @Test
    void responses_past_the_period_are_deleted_by_the_job_with_their_counts_and_claims_and_newer_ones_stay() {
        TestClock clock = new TestClock(Instant.parse("2031-01-01T09:00:00Z").toEpochMilli());
        onApp(db.config(), clock, (server, client) -> {
            Admin admin = Admin.loggedIn(client);
            assertEquals("Responses older than 90 days are deleted.", parse(admin.send("PUT",
                    "/api/surveys/default/retention", "{\"days\": 90}")).get("text").asText());
            long old = id(new Respondent(client).completeWith("Olga Old", "olga@example.com", "30", "female",
                    List.of("red")));
            Respondent oldOpen = new Respondent(client);
            long oldInProgress = id(parse(oldOpen.start()));
            oldOpen.answer("email", "otto@example.com");
            clock.advance(Duration.ofDays(60));
            long recent = id(new Respondent(client).completeWith("Nina New", "nina@example.com", "40", "male",
                    List.of("blue")));
            JsonNode before = Admin.loggedIn(client).summary(); // sessions expire too: a new one
            clock.advance(Duration.ofDays(31)); // the first two are now 91 days old, the last one 31
            Admin later = Admin.loggedIn(client);

            app.retentionJob().runIfDue(); // or the job's own heartbeat, whichever comes first

            await().atMost(Duration.ofSeconds(20)).until(() -> later.response(old).code() == 404
                    && later.response(oldInProgress).code() == 404);
            assertEquals(200, later.response(recent).code(), "31 days old: kept");
            JsonNode after = later.summary();
            assertEquals(before.get("count").asLong() - 2, after.get("count").asLong());
            assertEquals(before.get("completed").asLong() - 1, after.get("completed").asLong());
            assertEquals(count(before, "female") - 1, count(after, "female"), "Olga's answer is no longer counted");
            assertEquals(count(before, "male"), count(after, "male"));
            Respondent newcomer = new Respondent(client);
            newcomer.start();
            assertTrue(parse(newcomer.answer("email", "otto@example.com")).get("valid").asBoolean(),
                    "the deleted response's email claim went with it");
            long lastRun = db.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT last_run_at FROM job_leases WHERE name = 'retention'").mapTo(Long.class).one());
            assertEquals(clock.millis(), lastRun, "the run is recorded where every instance sees it");
        });
    }

    @Test
    void the_configured_default_applies_where_a_survey_sets_none_and_a_survey_setting_wins() {
        onApp(db.config().withRetentionDays(30), Clock.systemUTC(), (server, client) -> {
            Admin admin = Admin.loggedIn(client);
            admin.send("PUT", "/api/surveys/default/retention", "{\"days\": null}");
            assertEquals(Map.of("days", "30", "source", "default", "text", "Responses older than 30 days are deleted."),
                    policy(admin));
            assertEquals("7", parse(admin.send("PUT", "/api/surveys/default/retention", "{\"days\": 7}"))
                    .get("days").asText());
            assertEquals("survey", policy(admin).get("source"));
            for (String bad : List.of("{\"days\": 0}", "{\"days\": 36501}", "{\"days\": \"90\"}", "{\"days\": 1.5}",
                    "{}", "[]")) {
                var reply = admin.send("PUT", "/api/surveys/default/retention", bad);
                assertEquals(400, reply.code(), bad);
            }
            assertEquals("7", policy(admin).get("days"), "refused settings changed nothing");
            admin.send("PUT", "/api/surveys/default/retention", "{\"days\": null}");
            assertEquals(401, new Admin(client).get("/api/surveys/default/retention").code());
        });
        onApp(db.config(), Clock.systemUTC(), (server, client) -> assertEquals(Map.of("days", "null", "source", "none",
                "text", "Responses are kept until an admin deletes them."), policy(Admin.loggedIn(client))));
    }

    @Test
    void the_default_comes_from_LIVESURVEY_RETENTION_DAYS() {
        assertEquals(90, Config.fromEnv(Map.of("LIVESURVEY_RETENTION_DAYS", "90")).retentionDays());
        assertEquals(null, Config.fromEnv(Map.of()).retentionDays());
        var problem = assertThrows(StartupException.class,
                () -> Config.fromEnv(Map.of("LIVESURVEY_RETENTION_DAYS", "ninety")));
        assertTrue(problem.getMessage().contains("LIVESURVEY_RETENTION_DAYS"), problem.getMessage());
    }

    private App app;

    /** A server of its own on this class's database, with the given configuration and clock. */
    private void onApp(Config config, Clock clock, TestCase test) {
        app = new App(config, db.database(), clock);
        try {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, HttpClient.newHttpClient(), Map.of()), test);
        } finally {
            app.close();
        }
    }

    private static Map<String, String> policy(Admin admin) {
        JsonNode p = parse(admin.get("/api/surveys/default/retention"));
        return Map.of("days", p.get("days").asText(), "source", p.get("source").asText(), "text", p.get("text").asText());
    }

    private static long count(JsonNode summary, String gender) {
        for (JsonNode g : summary.get("genders")) {
            if (g.get("value").asText().equals(gender)) {
                return g.get("count").asLong();
            }
        }
        return 0;
    }

    private static long id(JsonNode state) {
        return state.get("id").asLong();
    }
}
