package livesurvey.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.Response;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.TestJson;
import livesurvey.web.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Creating, listing, copying, closing and deleting surveys through the admin API (issue 8). */
class SurveyAdminApiTest extends DatabaseTest {

    /** The example shipped in the repository, under a slug of the test's own. */
    static ObjectNode example(String slug) {
        try {
            ObjectNode d = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("examples/team-lunch.json")));
            return d.put("slug", slug);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String slug() {
        return "s-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Response post(Admin admin, JsonNode definition) {
        return admin.send("POST", "/api/surveys", definition.toString());
    }

    @Test
    void survey_admin_calls_need_an_admin() {
        db.test((server, client) -> {
            Admin nobody = new Admin(client);
            assertEquals(401, nobody.get("/api/surveys").code());
            assertEquals(401, post(nobody, example(slug())).code());
            assertEquals(401, nobody.send("PUT", "/api/surveys/default", example("default").toString()).code());
            assertEquals(401, nobody.send("PATCH", "/api/surveys/default", "{\"status\":\"closed\"}").code());
            assertEquals(401, nobody.send("DELETE", "/api/surveys/default", null).code());
            assertEquals(200, nobody.get("/api/surveys/default").code(), "the definition stays public");
        });
    }

    @Test
    void an_admin_creates_a_survey_that_respondents_can_take() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            Response created = post(admin, example(slug));
            assertEquals(201, created.code(), created.body().string());
            JsonNode d = TestJson.parse(new Admin(client).get("/api/surveys/" + slug));
            assertEquals("Team lunch", d.get("title").asText());
            assertEquals(2, d.get("stepCount").asInt());
            assertEquals("number", d.at("/steps/0/questions/1/type").asText());
            assertEquals(31, d.at("/steps/0/questions/1/max").asInt());
            assertEquals("open", d.get("status").asText());
            Respondent ann = new Respondent(client, slug);
            assertEquals(201, ann.start().code());
            assertEquals("Enter a whole number.", TestJson.parse(ann.answer("lunches", "2.5")).get("error").asText());
            assertTrue(TestJson.parse(ann.answer("lunches", "4")).get("valid").asBoolean());
            assertEquals("Choose at most 3.", TestJson.parse(ann.answer("food",
                    List.of("thai", "pizza", "sushi", "salad"))).get("error").asText());
        });
    }

    @Test
    void a_survey_is_copied_by_get_new_slug_post() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            ObjectNode copy = (ObjectNode) TestJson.parse(admin.get("/api/surveys/default"));
            String slug = slug();
            copy.put("slug", slug);
            Response r = post(admin, copy);
            assertEquals(201, r.code(), r.body().string());
            JsonNode original = TestJson.parse(admin.get("/api/surveys/default"));
            JsonNode copied = TestJson.parse(admin.get("/api/surveys/" + slug));
            assertEquals(original.get("steps"), copied.get("steps"));
            assertEquals(409, post(admin, copy).code(), "the slug is taken now");
            JsonNode listed = TestJson.parse(admin.get("/api/surveys"));
            assertTrue(listed.toString().contains("\"slug\":\"" + slug + "\""), listed.toString());
        });
    }

    @Test
    void every_kind_of_bad_definition_gets_422_with_its_json_path() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            bad(admin, d -> d.put("slug", "Not A Slug"), "slug");
            bad(admin, d -> d.remove("title"), "title");
            bad(admin, d -> d.put("stepCount", 9).put("colour", "red"), "colour");
            bad(admin, d -> d.putArray("steps"), "steps");
            bad(admin, d -> step(d, 1).putArray("questions"), "steps[1].questions");
            bad(admin, d -> question(d, 1, 0).put("type", "slider"), "steps[1].questions[0].type");
            bad(admin, d -> oneOption(question(d, 1, 0)),
                    "steps[1].questions[0].options");
            bad(admin, d -> ((ObjectNode) question(d, 1, 0).get("options").get(1)).put("value", "tue"),
                    "steps[1].questions[0].options[1].value");
            bad(admin, d -> question(d, 0, 1).put("key", "name"), "steps[0].questions[1].key");
            bad(admin, d -> question(d, 0, 1).put("key", "Lunches!"), "steps[0].questions[1].key");
            bad(admin, d -> question(d, 0, 1).put("min", 40), "steps[0].questions[1].min");
            bad(admin, d -> question(d, 0, 0).put("maxLength", "long"), "steps[0].questions[0].maxLength");
            bad(admin, d -> question(d, 0, 0).put("min", 1), "steps[0].questions[0].min");
            bad(admin, d -> question(d, 1, 1).put("maxPicks", 9), "steps[1].questions[1].maxPicks");
            bad(admin, d -> question(d, 1, 1).put("unique", true), "steps[1].questions[1].unique");
            bad(admin, d -> ((ObjectNode) question(d, 1, 1).get("summaries").get(0)).put("kind", "shares"),
                    "steps[1].questions[1].summaries[0].kind");
            bad(admin, d -> ((ObjectNode) question(d, 1, 1).get("summaries").get(0)).put("name", "days"),
                    "steps[1].questions[1].summaries[0].name");
            bad(admin, d -> question(d, 0, 0).put("label", ""), "steps[0].questions[0].label");
            Response notJson = admin.send("POST", "/api/surveys", "{\"slug\": ");
            assertEquals(400, notJson.code());
            Response array = admin.send("POST", "/api/surveys", "[1,2]");
            assertEquals(400, array.code(), array.body().string());
        });
    }

    @Test
    void the_definition_schema_is_in_the_api_document() {
        db.test((server, client) -> {
            JsonNode doc = TestJson.parse(client.get("/openapi.json"));
            JsonNode post = doc.at("/paths/~1api~1surveys/post");
            assertEquals("#/components/schemas/SurveyDefinition",
                    post.at("/requestBody/content/application~1json/schema/$ref").asText());
            assertTrue(post.at("/responses/422").isObject());
            assertTrue(doc.at("/paths/~1api~1surveys~1{slug}/patch").isObject());
            assertTrue(doc.at("/paths/~1api~1surveys~1{slug}/delete").isObject());
            JsonNode question = doc.at("/components/schemas/Question/properties");
            assertTrue(question.toString().contains("number"), question.toString());
            assertTrue(question.has("summaries") && question.has("minPicks") && question.has("integer"));
            assertTrue(doc.at("/components/schemas/SummarySpec/properties/kind/enum").toString().contains("top"));
        });
    }

    @Test
    void definitions_of_any_odd_shape_get_a_clear_error_never_a_500() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            List<String> bodies = List.of("{}", "{\"slug\":1,\"title\":[],\"steps\":\"x\"}", "null", "\"text\"",
                    "{\"slug\":\"a\",\"title\":\"T\",\"steps\":[1,null,{}]}",
                    "{\"slug\":\"a\",\"title\":\"T\",\"steps\":[{\"questions\":[1,{},{\"type\":null}]}]}",
                    "{\"slug\":\"a\",\"title\":\"T\",\"steps\":[{\"questions\":[{\"key\":\"k\",\"label\":\"L\","
                            + "\"type\":\"radio\",\"options\":\"x\",\"summaries\":{}}]}]}",
                    "{\"slug\":\"a\",\"title\":\"T\",\"steps\":[{\"questions\":[{\"key\":\"k\",\"label\":\"L\","
                            + "\"type\":\"checkbox\",\"options\":[1,{\"value\":{}},{}],\"summaries\":[1,{\"kind\":7}],"
                            + "\"minPicks\":1e99,\"maxPicks\":-1,\"required\":\"yes\"}]}]}",
                    "{\"slug\":\"a\",\"title\":\"T\",\"steps\":[{\"questions\":[{\"key\":\"n\",\"label\":\"L\","
                            + "\"type\":\"number\",\"min\":\"1\",\"max\":1e400,\"integer\":1}]}]}");
            for (String body : bodies) {
                Response r = admin.send("POST", "/api/surveys", body);
                assertTrue(r.code() == 400 || r.code() == 422, body + " -> " + r.code() + " " + r.body().string());
                assertTrue(TestJson.parse(r).get("error").asText().length() > 5, body);
            }
            assertFalse(TestJson.parse(admin.get("/api/surveys")).toString().contains("\"slug\":\"a\""));
        });
    }

    @Test
    void several_problems_are_reported_together() {
        db.test((server, client) -> {
            ObjectNode d = example(slug());
            d.put("title", "");
            oneOption(question(d, 1, 0));
            JsonNode details = TestJson.parse(post(Admin.loggedIn(client), d)).get("details");
            assertEquals("must not be empty", details.get("title").asText());
            assertEquals("at least 2 options", details.get("steps[1].questions[0].options").asText());
        });
    }

    @Test
    void a_closed_survey_refuses_new_responses_but_its_dashboard_and_exports_work() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            assertEquals(201, post(admin, example(slug)).code());
            Respondent early = new Respondent(client, slug);
            early.start();
            Response closed = admin.send("PATCH", "/api/surveys/" + slug, "{\"status\":\"closed\"}");
            assertEquals(200, closed.code(), closed.body().string());
            assertEquals("closed", TestJson.parse(new Admin(client).get("/api/surveys/" + slug)).get("status").asText());
            Response refused = new Respondent(client, slug).start();
            assertEquals(409, refused.code());
            assertTrue(TestJson.parse(refused).get("error").asText().contains("closed"));
            assertEquals(409, early.answer("name", "Late").code());
            Admin dashboard = new Admin(client, slug);
            dashboard.useCookie(admin.cookie());
            assertEquals(1, dashboard.summary().get("count").asLong());
            assertEquals(200, admin.get("/api/surveys/" + slug + "/export.csv").code());
            assertEquals(422, admin.send("PATCH", "/api/surveys/" + slug, "{\"status\":\"paused\"}").code());
            assertEquals(200, admin.send("PATCH", "/api/surveys/" + slug, "{\"status\":\"open\"}").code());
            assertEquals(201, new Respondent(client, slug).start().code());
        });
    }

    @Test
    void deleting_a_survey_removes_it_with_its_responses() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            String slug = slug();
            assertEquals(201, post(admin, example(slug)).code());
            Respondent ann = new Respondent(client, slug);
            ann.start();
            ann.answer("name", "Ann");
            ann.answer("lunches", "3");
            assertEquals(204, admin.send("DELETE", "/api/surveys/" + slug, null).code());
            assertEquals(404, admin.get("/api/surveys/" + slug).code());
            assertEquals(404, admin.get("/api/surveys/" + slug + "/summary").code());
            assertFalse(TestJson.parse(admin.get("/api/surveys")).toString().contains(slug));
            assertEquals(201, post(admin, example(slug)).code(), "the slug is free again");
            Admin fresh = new Admin(client, slug);
            fresh.useCookie(admin.cookie());
            assertEquals(0, fresh.summary().get("count").asLong());
        });
    }

    private interface Change {
        Object apply(ObjectNode definition);
    }

    private static void bad(Admin admin, Change change, String path) {
        ObjectNode d = example(slug());
        change.apply(d);
        Response r = post(admin, d);
        String body = r.body().string();
        assertEquals(422, r.code(), path + ": " + body);
        JsonNode details = TestJson.parse(r).get("details");
        assertTrue(details.has(path), "expected an error at " + path + ", got " + body);
    }

    static ArrayNode oneOption(ObjectNode question) {
        ArrayNode options = (ArrayNode) question.get("options");
        while (options.size() > 1) {
            options.remove(options.size() - 1);
        }
        return options;
    }

    static ObjectNode step(JsonNode d, int step) {
        return (ObjectNode) d.get("steps").get(step);
    }

    static ObjectNode question(JsonNode d, int step, int index) {
        return (ObjectNode) d.get("steps").get(step).get("questions").get(index);
    }

}
