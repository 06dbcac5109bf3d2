package livesurvey.dashboard;

import io.javalin.testtools.HttpClient;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default survey's summary, byte for byte, for a fixed set of answers: the literal below is what
 * the summary answered before it was built from the survey definition (issue 8), when the Java code
 * still named the age, gender and colours questions.
 */
class DefaultSummaryUnchangedTest extends DatabaseTest {
    private static final String BEFORE = "{\"count\":4,\"completed\":3,\"averageAge\":28.3,"
            + "\"genders\":[{\"value\":\"female\",\"label\":\"Female\",\"count\":1},"
            + "{\"value\":\"male\",\"label\":\"Male\",\"count\":1},"
            + "{\"value\":\"other\",\"label\":\"Other / prefer not to say\",\"count\":0}],"
            + "\"topColours\":[{\"value\":\"blue\",\"label\":\"Blue\",\"count\":3},"
            + "{\"value\":\"red\",\"label\":\"Red\",\"count\":2},"
            + "{\"value\":\"green\",\"label\":\"Green\",\"count\":1}],"
            + "\"lastUpdated\":\"<time>\"}";

    @Test
    void the_default_survey_summary_is_byte_for_byte_what_it_was() {
        db.test((server, client) -> {
            complete(client, "34", "female", List.of("blue", "red"));
            complete(client, "35", "male", List.of("red", "blue", "green"));
            complete(client, "16", null, List.of("purple", "blue"));
            Respondent partial = new Respondent(client);
            partial.start();
            partial.answer("age", "90");
            String body = Admin.loggedIn(client).get("/api/surveys/default/summary").body().string();
            assertTrue(body.matches(".*\"lastUpdated\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"}"), body);
            assertEquals(BEFORE, body.replaceAll("\"lastUpdated\":\"[^\"]+\"", "\"lastUpdated\":\"<time>\""));
        });
    }

    private static void complete(HttpClient client, String age, String gender, List<String> colours) {
        var done = new Respondent(client).completeWith("R", "r-" + UUID.randomUUID() + "@example.com", age,
                gender, colours);
        assertTrue(done.get("completed").asBoolean(), done.toString());
    }
}
