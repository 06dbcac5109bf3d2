package livesurvey.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import livesurvey.Admin;
import livesurvey.Backend;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static livesurvey.TestJson.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTest extends DatabaseTest {
    /** Each test starts from an empty survey: whatever an earlier test left is deleted through the API. */
    @BeforeEach
    void empty() {
        db.test((server, client) -> {
            Admin.loggedIn(client).deleteAll();
        });
    }

    @Test
    void no_data() {
        db.test((server, client) -> {
            JsonNode s = Admin.loggedIn(client).summary();
            assertEquals(0, s.get("count").asLong());
            assertEquals(0, s.get("completed").asLong());
            assertTrue(s.get("averageAge").isNull());
            assertEquals("[{\"value\":\"female\",\"label\":\"Female\",\"count\":0},"
                    + "{\"value\":\"male\",\"label\":\"Male\",\"count\":0},"
                    + "{\"value\":\"other\",\"label\":\"Other / prefer not to say\",\"count\":0}]",
                    s.get("genders").toString());
            assertEquals("[]", s.get("topColours").toString());
            assertTrue(s.get("lastUpdated").isNull());
        });
    }

    @Test
    void one_response() {
        db.test((server, client) -> {
            JsonNode done = complete(client, "34", "female", List.of("blue", "red"));
            JsonNode s = Admin.loggedIn(client).summary();
            assertEquals(1, s.get("count").asLong());
            assertEquals(1, s.get("completed").asLong());
            assertEquals("34.0", s.get("averageAge").toString());
            assertEquals(1, gender(s, "female"));
            assertEquals(0, gender(s, "male"));
            assertEquals("[{\"value\":\"red\",\"label\":\"Red\",\"count\":1},"
                    + "{\"value\":\"blue\",\"label\":\"Blue\",\"count\":1}]", s.get("topColours").toString());
            assertEquals(done.get("updatedAt").asText(), s.get("lastUpdated").asText());
        });
    }

    @Test
    void ties_in_colours_keep_the_options_order() {
        db.test((server, client) -> {
            complete(client, "30", null, List.of("blue", "green"));
            complete(client, "30", null, List.of("green", "blue"));
            complete(client, "30", null, List.of("purple"));
            complete(client, "30", null, List.of("red"));
            // green 2 and blue 2 (green comes first among the options), then red 1 before purple 1.
            assertEquals(List.of("green:2", "blue:2", "red:1"), top(Admin.loggedIn(client).summary()));
        });
    }

    @Test
    void average_age_is_rounded_half_up_to_one_decimal() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            complete(client, "34", null, List.of());
            complete(client, "35", null, List.of());
            assertEquals("34.5", admin.summary().get("averageAge").toString());
            complete(client, "34", null, List.of());
            complete(client, "34", null, List.of());
            assertEquals("34.3", admin.summary().get("averageAge").toString(), "137 / 4 = 34.25");
        });
    }

    @Test
    void an_average_that_a_double_would_round_down_is_rounded_up() {
        db.test((server, client) -> {
            for (int i = 0; i < 17; i++) {
                complete(client, "16", null, List.of());
            }
            for (int i = 0; i < 3; i++) {
                complete(client, "17", null, List.of());
            }
            // 323 / 20 = 16.15 exactly; as a double it is 16.1499999…, which naive rounding makes 16.1.
            assertEquals("16.2", Admin.loggedIn(client).summary().get("averageAge").toString());
        });
    }

    @Test
    void incomplete_responses_count_but_are_left_out_of_age_genders_and_colours() {
        db.test((server, client) -> {
            complete(client, "30", "female", List.of("red"));
            Respondent partial = new Respondent(client);
            partial.start();
            partial.answer("name", "Pat");
            partial.answer("email", "pat-" + UUID.randomUUID() + "@example.com");
            partial.step(1);
            partial.answer("age", "80");
            partial.answer("about", "Not finished");
            partial.step(2);
            partial.answer("gender", "male");
            partial.step(3);
            partial.answer("colours", List.of("blue"));
            JsonNode s = Admin.loggedIn(client).summary();
            assertEquals(2, s.get("count").asLong());
            assertEquals(1, s.get("completed").asLong());
            assertEquals("30.0", s.get("averageAge").toString());
            assertEquals(0, gender(s, "male"));
            assertEquals(List.of("red:1"), top(s));
        });
    }

    @Test
    void the_summary_is_never_stale_after_a_change() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            JsonNode s = admin.summary();
            Respondent ann = new Respondent(client);
            long id = parse(ann.start()).get("id").asLong();
            s = admin.summary();
            assertEquals(1, s.get("count").asLong(), "a start counts at once");
            ann.answer("name", "Ann");
            assertEquals(updatedAt(admin, id), admin.summary().get("lastUpdated").asText(), "an answer is activity");
            ann.answer("email", "ann-" + UUID.randomUUID() + "@example.com");
            ann.step(1);
            ann.answer("age", "50");
            ann.answer("about", "Hi");
            ann.step(2);
            ann.answer("gender", "other");
            ann.step(3);
            ann.answer("colours", List.of("pink"));
            ann.step(4);
            assertEquals(updatedAt(admin, id), admin.summary().get("lastUpdated").asText());
            ann.complete();
            s = admin.summary();
            assertEquals(1, s.get("completed").asLong(), "completion counts at once");
            assertEquals("50.0", s.get("averageAge").toString());
            assertEquals(1, gender(s, "other"));
            assertEquals(List.of("pink:1"), top(s));
            assertEquals(204, admin.delete(id).code());
            s = admin.summary();
            assertEquals(0, s.get("count").asLong(), "deletion counts at once");
            assertEquals(0, s.get("completed").asLong());
            assertTrue(s.get("averageAge").isNull());
        });
    }

    @Test
    void a_change_on_another_instance_reaches_this_instances_summary() {
        try (var second = Backend.sameDatabaseAs(db)) {
            db.test((serverA, clientA) -> second.test((serverB, clientB) -> {
                Admin onA = Admin.loggedIn(clientA);
                long before = onA.summary().get("count").asLong();
                complete(clientB, "44", "male", List.of("grey"));
                await("the completion made on B").atMost(Duration.ofSeconds(10))
                        .until(() -> onA.summary().get("completed").asLong() == before + 1);
                JsonNode s = onA.summary();
                assertEquals(before + 1, s.get("count").asLong());
                assertEquals(1, gender(s, "male"));
            }));
        }
    }

    private static JsonNode complete(HttpClient client, String age, String gender, List<String> colours) {
        JsonNode done = new Respondent(client).completeWith("R", "r-" + UUID.randomUUID() + "@example.com", age,
                gender, colours);
        assertTrue(done.get("completed").asBoolean(), done.toString());
        return done;
    }

    private static String updatedAt(Admin admin, long id) {
        return parse(admin.response(id)).get("updatedAt").asText();
    }

    private static long gender(JsonNode summary, String value) {
        for (JsonNode g : summary.get("genders")) {
            if (g.get("value").asText().equals(value)) {
                return g.get("count").asLong();
            }
        }
        throw new AssertionError("no gender " + value + " in " + summary);
    }

    private static List<String> top(JsonNode summary) {
        List<String> out = new ArrayList<>();
        summary.get("topColours").forEach(c -> out.add(c.get("value").asText() + ":" + c.get("count").asLong()));
        return out;
    }
}
