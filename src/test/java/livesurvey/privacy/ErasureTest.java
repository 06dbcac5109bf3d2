package livesurvey.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.validation.AnswerValue;
import livesurvey.validation.UniquePerSurveyRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Respondents' rights: an admin exports or erases everything about a respondent found by an answer; a respondent erases their own. */
class ErasureTest extends DatabaseTest {
    private static final String EMAIL = "zelda.erasable@example.com";
    private static final String ABOUT = "Zelda's secret hobby: lockpicking-7781";

    @Test
    void erasing_by_email_removes_every_response_that_gave_it_and_leaves_no_trace_in_any_table() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            subscribeToEveryEvent();
            JsonNode before = admin.summary();
            long completed = id(new Respondent(client).completeWith("Zelda Erasable", EMAIL, "41", "female",
                    List.of("purple")));
            Respondent again = new Respondent(client); // the same person, a second time, in another browser
            long inProgress = id(again.start());
            again.answer("email", "  Zelda.Erasable@EXAMPLE.com ");
            again.answer("about", ABOUT);
            new Respondent(client).completeWith("Bob Keeps", "bob.keeps@example.com", "50", "male", List.of("red"));
            TableScan scan = new TableScan(db.database().jdbi());
            String claim = UniquePerSurveyRule.valueHash(AnswerValue.ofText(EMAIL));
            assertFalse(scan.find(claim).isEmpty(), "before: the email's claim is stored, so the scan can see it");
            assertTrue(scan.find("zelda").contains("webhook_deliveries.payload"),
                    "before: the webhook outbox holds her answers, so the scan can see them there");

            JsonNode erased = parse(erase(admin, "email", EMAIL.toUpperCase()));

            assertEquals(2, erased.get("erased").asInt(), erased.toString());
            assertEquals(List.of(completed, inProgress), ids(erased.get("ids")));
            for (String trace : List.of("zelda", "erasable", "lockpicking-7781", claim)) {
                assertEquals(List.of(), scan.find(trace), "'" + trace + "' left in these columns");
            }
            assertEquals(List.of("answers.answer_value", "answers.sort_value", "webhook_deliveries.payload"),
                    scan.find("bob.keeps"), "the scan does find what stays, his completion's delivery included");
            assertEquals(404, admin.response(completed).code());
            assertEquals(404, again.state().code(), "the erased respondent's cookie reaches nothing");
            JsonNode summary = admin.summary();
            assertEquals(before.get("count").asLong() + 1, summary.get("count").asLong(), "Bob's is left");
            assertEquals(before.get("completed").asLong() + 1, summary.get("completed").asLong());
            Map<String, Integer> genders = new java.util.TreeMap<>(genders(before));
            genders.merge("male", 1, Integer::sum);
            assertEquals(genders, genders(summary), "Zelda's 'female' is no longer counted");
            Respondent newcomer = new Respondent(client);
            newcomer.start();
            assertTrue(parse(newcomer.answer("email", EMAIL)).get("valid").asBoolean(), "the email is free again");
        });
    }

    /** A webhook endpoint (registered here directly: its host is never reached) whose outbox keeps payloads. */
    private void subscribeToEveryEvent() {
        db.database().jdbi().useHandle(h -> h.execute("""
                INSERT INTO webhook_endpoints (survey_id, url, events, secret, created_at, updated_at)
                SELECT id, 'https://hooks.example.invalid/crm', 'response.completed,response.updated,response.deleted',
                    'whsec_test', 0, 0 FROM surveys WHERE slug = 'default'
                """));
    }

    @Test
    void the_export_holds_every_answer_of_the_matching_responses_and_nothing_of_anyone_else() {
        db.test((server, client) -> {
            String email = "xena.exported@example.com";
            long xena = id(new Respondent(client).completeWith("Xena Exported", email, "41", "female",
                    List.of("purple", "green")));
            new Respondent(client).completeWith("Yves Other", "yves.other@example.com", "50", "male", List.of("red"));
            Admin admin = Admin.loggedIn(client);
            long before = admin.summary().get("count").asLong();

            Response reply = admin.send("POST", "/api/surveys/default/respondents/export",
                    "{\"key\":\"email\",\"value\":\" " + email + " \"}");

            assertEquals(200, reply.code());
            assertTrue(header(reply, "Content-Disposition").contains("attachment"));
            JsonNode export = parse(reply);
            assertEquals("default", export.get("survey").asText());
            assertEquals(1, export.get("responses").size());
            JsonNode response = export.get("responses").get(0);
            assertEquals(xena, response.get("id").asLong());
            assertEquals("Xena Exported", response.at("/answers/name").asText());
            assertEquals(email, response.at("/answers/email").asText());
            assertEquals("41", response.at("/answers/age").asText());
            assertEquals("[\"purple\",\"green\"]", response.at("/answers/colours").toString());
            assertTrue(response.get("completed").asBoolean());
            assertTrue(export.get("stored").asText().contains("No IP address"));
            assertFalse(reply.body().string().contains("yves"), "nobody else's data");
            assertEquals(before, admin.summary().get("count").asLong(), "an export changes nothing");
        });
    }

    @Test
    void a_respondent_deletes_their_own_response_in_progress_or_completed_and_the_cookie_is_cleared() {
        db.test((server, client) -> {
            String email = "dora.deletes@example.com";
            Admin admin = Admin.loggedIn(client);
            JsonNode before = admin.summary();
            Respondent typing = new Respondent(client);
            long open = id(typing.start());
            typing.answer("email", email);
            Respondent done = new Respondent(client);
            long finished = id(done.completeWith("Dora Deletes", "dora.done@example.com", "30", "other", List.of("red")));
            assertEquals(before.get("count").asLong() + 2, admin.summary().get("count").asLong());

            Response first = erase(typing);
            Response second = erase(done);

            assertEquals(204, first.code());
            assertEquals(204, second.code());
            String expired = header(first, "Set-Cookie");
            assertTrue(expired.startsWith("ls_respondent=;") && expired.contains("Expires=Thu, 01 Jan 1970"), expired);
            assertEquals(404, admin.response(open).code());
            assertEquals(404, admin.response(finished).code());
            assertEquals(404, typing.state().code());
            JsonNode after = admin.summary();
            assertEquals(before.get("count").asLong(), after.get("count").asLong());
            assertEquals(before.get("completed").asLong(), after.get("completed").asLong());
            assertEquals(genders(before), genders(after));
            assertEquals(List.of(), new TableScan(db.database().jdbi()).find("dora"));
            assertEquals(404, erase(typing).code(), "nothing left to delete");
            Respondent newcomer = new Respondent(client);
            newcomer.start();
            assertTrue(parse(newcomer.answer("email", email)).get("valid").asBoolean(), "the email is free again");
        });
    }

    @Test
    void bad_requests_are_refused_with_a_clear_error_and_change_nothing() {
        db.test((server, client) -> {
            String email = "wanda.stays@example.com";
            new Respondent(client).completeWith("Wanda Stays", email, "41", "female", List.of("purple"));
            Admin admin = Admin.loggedIn(client);
            long before = admin.summary().get("count").asLong();
            assertError(422, "key", erase(admin, "gender", "female"));
            assertError(404, "key", erase(admin, "shoe_size", "42"));
            assertError(400, "value", admin.send("POST", "/api/surveys/default/respondents/erase", "{\"key\":\"email\"}"));
            assertError(400, "value", erase(admin, "email", " "));
            assertEquals(0, parse(erase(admin, "email", "nobody@example.com")).get("erased").asInt());
            assertEquals(401, new Admin(client).send("POST", "/api/surveys/default/respondents/erase",
                    "{\"key\":\"email\",\"value\":\"" + email + "\"}").code());
            assertEquals(401, new Admin(client).send("POST", "/api/surveys/default/respondents/export",
                    "{\"key\":\"email\",\"value\":\"" + email + "\"}").code());
            assertEquals(before, admin.summary().get("count").asLong(), "nothing was erased");
        });
    }

    private static Response erase(Admin admin, String key, String value) {
        return admin.send("POST", "/api/surveys/default/respondents/erase",
                "{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}");
    }

    private static Response erase(Respondent respondent) {
        return respondent.erase();
    }

    private static void assertError(int status, String field, Response reply) {
        String body = reply.body().string();
        assertEquals(status, reply.code(), body);
        JsonNode error;
        try {
            error = livesurvey.web.Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
        assertEquals(field, error.get("field").asText(), body);
        assertFalse(error.get("error").asText().isBlank());
    }

    private static String header(Response reply, String name) {
        List<String> values = reply.headers().get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static long id(Response started) {
        return parse(started).get("id").asLong();
    }

    private static long id(JsonNode state) {
        return state.get("id").asLong();
    }

    private static List<Long> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asLong).toList();
    }

    private static Map<String, Integer> genders(JsonNode summary) {
        var out = new java.util.TreeMap<String, Integer>();
        summary.get("genders").forEach(g -> {
            if (g.get("count").asInt() > 0) {
                out.put(g.get("value").asText(), g.get("count").asInt());
            }
        });
        return out;
    }
}
