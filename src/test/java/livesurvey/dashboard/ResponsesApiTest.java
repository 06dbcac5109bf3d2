package livesurvey.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.Admin;
import livesurvey.Backend;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ParameterizedClass(name = "{0}")
@MethodSource("livesurvey.Backend#all")
class ResponsesApiTest {
    @Parameter
    Backend db;

    @AfterParameterizedClassInvocation
    static void close(Backend db) {
        db.close();
    }

    @Test
    void a_new_response_shows_on_the_first_page_with_its_answers_and_what_is_being_edited() {
        db.test((server, client) -> {
            Respondent ann = new Respondent(client);
            long id = parse(ann.start()).get("id").asLong();
            ann.answer("name", "Ann");
            ann.answer("email", "not-an-email");
            JsonNode page = Admin.loggedIn(client).page();
            JsonNode first = page.get("items").get(0);
            assertEquals(id, first.get("id").asLong());
            assertEquals("Ann", first.at("/answers/name").asText());
            assertEquals("email", first.get("editing").asText());
            assertTrue(first.at("/invalid/email").asText().contains("valid email"), first.toString());
            assertTrue(first.at("/invalid/name").isMissingNode());
            assertEquals(false, first.get("completed").asBoolean());
            assertEquals(0, page.get("offset").asLong());
            assertTrue(page.get("total").asLong() >= 1);
        });
    }
}
