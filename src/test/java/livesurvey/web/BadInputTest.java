package livesurvey.web;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.admin.AdminAuth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input table run against the real server: each case gets its exact status, a JSON error,
 * no change to the database unless the case says what is stored, and the server keeps serving.
 */
class BadInputTest extends DatabaseTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private String adminToken;

    static Stream<BadInputCase> cases() {
        return BadInputCases.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bad_input_is_refused_or_stored_verbatim(BadInputCase c) {
        db.test((server, client) -> {
            adminToken = new AdminAuth(db.database().jdbi(), java.time.Clock.systemUTC()).createApiToken("bad-input");
            var ann = new Respondent(client);
            ann.start();
            assertEquals(200, ann.answer("name", "Ann").code());
            List<Map<String, Object>> before = snapshot();

            HttpResponse<String> r = send(client.getOrigin(), c, ann.cookie());

            assertEquals(c.status(), r.statusCode(), c.name() + ": " + r.body());
            if (c.status() >= 400) {
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                        c.name() + ": " + r.headers().map());
                JsonNode error = Json.MAPPER.readTree(r.body());
                assertTrue(error.path("error").isTextual() && !error.path("error").asText().isBlank(), r.body());
            }
            if (c.stores() == null) {
                assertEquals(before, snapshot(), c.name() + " changed the database");
            } else {
                JsonNode stored = parse(ann.state()).at("/answers/" + c.stores() + "/value");
                assertEquals(Json.MAPPER.readTree(c.storedJson()), stored, "stored verbatim");
                assertEquals(count(before, "responses"), count(snapshot(), "responses"));
            }
            assertEquals(200, client.get("/api/surveys/default").code(), "still serving");
            assertEquals(200, ann.state().code(), "the respondent still reaches their response");
        });
    }

    private HttpResponse<String> send(String origin, BadInputCase c, String respondentCookie) throws Exception {
        var publisher = c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body());
        var b = HttpRequest.newBuilder(URI.create(origin + c.path())).method(c.method(), publisher);
        if (c.contentType() != null) {
            b.header("Content-Type", c.contentType());
        }
        switch (c.auth()) {
            case RESPONDENT -> b.header("Cookie", respondentCookie);
            case NONE -> {
                if (c.cookie() != null) {
                    b.header("Cookie", c.cookie());
                }
            }
            case ADMIN -> b.header("Authorization", "Bearer " + adminToken);
            case FORGED_BEARER -> b.header("Authorization", "Bearer " + c.cookie());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every row a request could change, in a stable order. */
    private List<Map<String, Object>> snapshot() {
        return db.database().jdbi().withHandle(h -> {
            var rows = new java.util.ArrayList<Map<String, Object>>();
            rows.addAll(h.createQuery("SELECT 'responses' AS t, id, token_hash, current_step, editing_key, updated_at, "
                    + "completed_at FROM responses ORDER BY id").mapToMap().list());
            rows.addAll(h.createQuery("SELECT 'answers' AS t, response_id, question_id, answer_value, sort_value, valid, "
                    + "error, updated_at FROM answers ORDER BY response_id, question_id").mapToMap().list());
            rows.addAll(h.createQuery("SELECT 'sessions' AS t, COUNT(*) AS n FROM admin_sessions").mapToMap().list());
            rows.addAll(h.createQuery("SELECT 'counters' AS t, s.* FROM summary_counters s "
                    + "ORDER BY survey_id, question_id, item, slot").mapToMap().list());
            rows.addAll(h.createQuery("SELECT 'claims' AS t, question_id, value_hash, response_id FROM unique_claims "
                    + "ORDER BY question_id, value_hash").mapToMap().list());
            return rows;
        });
    }

    private static long count(List<Map<String, Object>> rows, String table) {
        return rows.stream().filter(r -> table.equals(r.get("t"))).count();
    }
}
