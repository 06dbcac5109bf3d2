package livesurvey.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 12 hole 7: a click on a pie slice lists exactly the responses the slice counts. */
class PieFilterTest extends DatabaseTest {

    @Test
    void the_gender_filter_lists_the_completed_responses_the_pie_counts() {
        db.test((server, client) -> {
            var done = new Respondent(client).completeWith("Pia", "pia@example.com", "30", "female", List.of("red"));
            long completed = done.get("id").asLong();
            var typing = new Respondent(client);
            long unfinished = livesurvey.TestJson.parse(typing.start()).get("id").asLong();
            typing.answer("gender", "female"); // still typing: not in the summary, so not in the filter either

            Admin admin = Admin.loggedIn(client);
            long pieCount = 0;
            for (JsonNode g : admin.summary().get("genders")) {
                if ("female".equals(g.get("value").asText())) {
                    pieCount = g.get("count").asLong();
                }
            }
            JsonNode page = admin.page("filter", "gender:female", "limit", "200");
            List<Long> listed = new ArrayList<>();
            page.get("items").forEach(r -> listed.add(r.get("id").asLong()));
            assertEquals(List.of(completed), listed, "the unfinished response " + unfinished + " is not listed");
            assertEquals(pieCount, page.get("total").asLong(), "the filter's total is the slice's count");
            assertEquals(1, pieCount);
        });
    }
}
