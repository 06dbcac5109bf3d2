package livesurvey.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.Response;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.TestJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static livesurvey.survey.SurveyAdminApiTest.example;
import static livesurvey.survey.SurveyAdminApiTest.post;
import static livesurvey.survey.SurveyAdminApiTest.question;
import static livesurvey.survey.SurveyAdminApiTest.slug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Editing a survey that already has answers never corrupts them (issue 8). */
class SurveyRevisionTest extends DatabaseTest {

    @Test
    void a_removed_question_leaves_the_page_but_its_answers_stay_in_the_exports() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            assertEquals(201, post(admin, example(slug)).code());
            Respondent ann = new Respondent(client, slug);
            ann.start();
            ann.answer("name", "Ann");
            ann.answer("lunches", "7");
            String etag = new Admin(client).get("/api/surveys/" + slug).headers().get("ETag").get(0);

            ObjectNode edited = (ObjectNode) TestJson.parse(admin.get("/api/surveys/" + slug));
            ((ArrayNode) edited.get("steps").get(0).get("questions")).remove(1);
            question(edited, 0, 0).put("label", "Your first name");
            Response put = admin.send("PUT", "/api/surveys/" + slug, edited.toString());
            assertEquals(200, put.code(), put.body().string());

            Response after = new Admin(client).get("/api/surveys/" + slug);
            JsonNode d = TestJson.parse(after);
            assertEquals(2, d.get("revision").asInt());
            assertFalse(d.toString().contains("\"lunches\""), "gone from the page");
            assertEquals("Your first name", d.at("/steps/0/questions/0/label").asText());
            String newTag = after.headers().get("ETag").get(0);
            assertNotEquals(etag, newTag, "a new revision has a new ETag");
            assertEquals(304, client.request("/api/surveys/" + slug, b -> b.header("If-None-Match", newTag).get()).code());
            assertEquals(200, client.request("/api/surveys/" + slug, b -> b.header("If-None-Match", etag).get()).code());

            String csv = admin.get("/api/surveys/" + slug + "/export.csv").body().string();
            assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",lunches (earlier revision)"), csv);
            assertTrue(csv.contains("Ann"), csv);
            assertTrue(csv.lines().skip(1).findFirst().orElseThrow().endsWith(",7"), csv);
            JsonNode json = TestJson.parse(admin.get("/api/surveys/" + slug + "/export.json"));
            assertEquals("7", json.get(0).at("/earlierRevisions/lunches").asText());
            assertEquals("Ann", json.get(0).at("/answers/name").asText(), "the renamed question keeps its answer");
        });
    }

    @Test
    void with_answers_a_type_change_or_removing_a_used_option_is_refused_with_the_reason() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            assertEquals(201, post(admin, example(slug)).code());
            Respondent ann = new Respondent(client, slug);
            ann.start();
            ann.answer("day", "wed");

            ObjectNode typeChange = (ObjectNode) TestJson.parse(admin.get("/api/surveys/" + slug));
            question(typeChange, 0, 1).put("type", "text").remove(List.of("min", "max", "integer", "summaries"));
            Response refused = admin.send("PUT", "/api/surveys/" + slug, typeChange.toString());
            assertEquals(409, refused.code(), refused.body().string());
            JsonNode why = TestJson.parse(refused);
            assertTrue(why.get("details").get("steps[0].questions[1].type").asText().contains("cannot change"), why.toString());

            ObjectNode dropWed = (ObjectNode) TestJson.parse(admin.get("/api/surveys/" + slug));
            ((ArrayNode) question(dropWed, 1, 0).get("options")).remove(1);
            Response used = admin.send("PUT", "/api/surveys/" + slug, dropWed.toString());
            assertEquals(409, used.code(), used.body().string());
            assertTrue(TestJson.parse(used).get("error").asText().contains("'wed'"));

            ObjectNode dropThu = (ObjectNode) TestJson.parse(admin.get("/api/surveys/" + slug));
            ((ArrayNode) question(dropThu, 1, 0).get("options")).remove(2);
            ((ObjectNode) question(dropThu, 1, 0).get("options").get(1)).put("label", "Midweek");
            assertEquals(200, admin.send("PUT", "/api/surveys/" + slug, dropThu.toString()).code(),
                    "an option nobody chose can go, a used one can be relabelled");
            assertEquals(2, TestJson.parse(admin.get("/api/surveys/" + slug)).get("revision").asInt());
            assertEquals("wed", TestJson.parse(ann.state()).at("/answers/day/value").asText(), "the answer is kept");
        });
    }

    @Test
    void before_any_answer_anything_may_change() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            assertEquals(201, post(admin, example(slug)).code());
            new Respondent(client, slug).start(); // a response without answers
            ObjectNode d = (ObjectNode) TestJson.parse(admin.get("/api/surveys/" + slug));
            question(d, 0, 1).put("type", "text").remove(List.of("min", "max", "integer", "summaries"));
            ((ArrayNode) question(d, 1, 0).get("options")).remove(1);
            Response put = admin.send("PUT", "/api/surveys/" + slug, d.toString());
            assertEquals(200, put.code(), put.body().string());
            assertEquals("text", TestJson.parse(put).at("/steps/0/questions/1/type").asText());
        });
    }

    @Test
    void a_respondent_midway_sees_the_new_definition_on_the_next_step_and_keeps_the_answers() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            assertEquals(201, post(admin, example(slug)).code());
            Respondent ann = new Respondent(client, slug);
            ann.start();
            ann.answer("name", "Ann");
            ann.answer("lunches", "4");

            ObjectNode d = (ObjectNode) TestJson.parse(admin.get("/api/surveys/" + slug));
            ((ArrayNode) d.get("steps").get(1).get("questions")).insertObject(0).put("key", "budget")
                    .put("label", "Budget per lunch").put("type", "number").put("required", true).put("min", 0);
            assertEquals(200, admin.send("PUT", "/api/surveys/" + slug, d.toString()).code());

            assertEquals(200, ann.step(1).code());
            JsonNode now = TestJson.parse(new Admin(client).get("/api/surveys/" + slug));
            assertEquals("budget", now.at("/steps/1/questions/0/key").asText());
            ann.answer("day", "tue");
            ann.answer("food", List.of("thai"));
            assertEquals(422, ann.step(2).code(), "the new required question is asked");
            assertTrue(TestJson.parse(ann.answer("budget", "12.5")).get("valid").asBoolean());
            assertEquals(200, ann.step(2).code());
            JsonNode done = TestJson.parse(ann.complete());
            assertTrue(done.get("completed").asBoolean(), done.toString());
            assertEquals("Ann", done.at("/answers/name/value").asText());
            assertEquals("4", done.at("/answers/lunches/value").asText());
        });
    }

    @Test
    void each_summary_kind_is_computed_from_the_definition() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            assertEquals(201, post(admin, example(slug)).code());
            complete(client, slug, "Ann", "4", "tue", List.of("thai", "pizza"));
            complete(client, slug, "Bob", "5", "tue", List.of("pizza"));
            complete(client, slug, "Cy", "5", "thu", List.of("sushi", "pizza"));
            Admin dashboard = new Admin(client, slug);
            dashboard.useCookie(admin.cookie());
            JsonNode s = dashboard.summary();
            assertEquals(3, s.get("completed").asLong());
            assertEquals("4.7", s.get("averageLunches").toString());
            assertEquals("[{\"value\":\"4\",\"label\":\"4\",\"count\":1},{\"value\":\"5\",\"label\":\"5\",\"count\":2}]",
                    s.get("lunchesDistribution").toString());
            assertEquals("[{\"value\":\"tue\",\"label\":\"Tuesday\",\"count\":2},"
                    + "{\"value\":\"wed\",\"label\":\"Wednesday\",\"count\":0},"
                    + "{\"value\":\"thu\",\"label\":\"Thursday\",\"count\":1}]", s.get("days").toString());
            assertEquals("pizza", s.at("/topFood/0/value").asText());
            assertEquals(3, s.at("/topFood/0/count").asLong());
            assertEquals(3, s.get("topFood").size());
            assertEquals(List.of("count", "completed", "averageLunches", "lunchesDistribution", "days", "topFood",
                    "lastUpdated"), iterable(s));
        });
    }

    private static List<String> iterable(JsonNode s) {
        List<String> names = new java.util.ArrayList<>();
        s.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void complete(io.javalin.testtools.HttpClient client, String slug, String name, String lunches,
                                 String day, List<String> food) {
        Respondent r = new Respondent(client, slug);
        r.start();
        r.answer("name", name);
        r.answer("lunches", lunches);
        assertEquals(200, r.step(1).code());
        r.answer("day", day);
        r.answer("food", food);
        assertEquals(200, r.step(2).code());
        assertTrue(TestJson.parse(r.complete()).get("completed").asBoolean());
    }
}
