package livesurvey.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.Response;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.web.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static livesurvey.TestJson.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportTest extends DatabaseTest {
    private static final String ABOUT = "Likes \"quotes\", commas, and\nnew lines 🎉 — naïve café";
    private static final String BOOK = "=HYPERLINK(\"http://evil.example\",\"click\")";

    @Test
    void csv_has_a_header_and_one_record_per_response_that_parses_back() throws Exception {
        db.test((server, client) -> {
            String email = "o'brien-" + UUID.randomUUID() + "@example.com";
            long id = tricky(new Respondent(client), email);
            Respondent partial = new Respondent(client);
            long partialId = parse(partial.start()).get("id").asLong();
            partial.answer("name", "Half, Done");

            Response r = Admin.loggedIn(client).get("/api/surveys/default/export.csv");
            assertEquals(200, r.code());
            assertTrue(r.headers().get("Content-Type").get(0).startsWith("text/csv"));
            assertTrue(r.headers().get("Content-Disposition").get(0).contains("default-responses.csv"));
            try (CSVParser csv = CSVParser.parse(new StringReader(r.body().string()),
                    CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
                assertEquals(List.of("id", "started", "updated", "completed", "name", "email", "age", "about",
                        "address", "gender", "book", "colours"), csv.getHeaderNames());
                Map<Long, CSVRecord> byId = new HashMap<>();
                csv.forEach(rec -> byId.put(Long.parseLong(rec.get("id")), rec));
                CSVRecord full = byId.get(id);
                assertEquals("Zoë, \"Z\" 🦊", full.get("name"));
                assertEquals(email, full.get("email"));
                assertEquals("34", full.get("age"));
                assertEquals(ABOUT, full.get("about"));
                assertEquals("female", full.get("gender"));
                assertEquals("red; blue", full.get("colours"));
                assertEquals("", full.get("address"));
                // A formula is defused for spreadsheets with a leading apostrophe; the text is all there.
                assertEquals("'" + BOOK, full.get("book"));
                assertTrue(full.get("completed").endsWith("Z"), full.get("completed"));
                CSVRecord half = byId.get(partialId);
                assertEquals("Half, Done", half.get("name"));
                assertEquals("", half.get("completed"));
            }
        });
    }

    @Test
    void json_is_an_array_of_rows_like_the_api_with_text_verbatim() {
        db.test((server, client) -> {
            long id = tricky(new Respondent(client), "j-" + UUID.randomUUID() + "@example.com");
            Admin admin = Admin.loggedIn(client);
            Response r = admin.get("/api/surveys/default/export.json");
            assertEquals(200, r.code());
            assertTrue(r.headers().get("Content-Type").get(0).startsWith("application/json"));
            JsonNode all = parse(r);
            assertTrue(all.isArray());
            assertEquals(admin.page().get("total").asLong(), all.size(), "every response");
            JsonNode row = null;
            for (JsonNode n : all) {
                if (n.get("id").asLong() == id) {
                    row = n;
                }
            }
            assertEquals(parse(admin.response(id)), row, "the same Row as GET /responses/{id}");
            assertEquals(BOOK, row.at("/answers/book").asText());
            assertEquals(ABOUT, row.at("/answers/about").asText());
        });
    }

    @Test
    void an_empty_survey_exports_just_the_header_and_an_empty_array() throws Exception {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            admin.deleteAll();
            assertEquals("id,started,updated,completed,name,email,age,about,address,gender,book,colours",
                    admin.get("/api/surveys/default/export.csv").body().string().strip());
            assertEquals(0, Json.MAPPER.readTree(admin.get("/api/surveys/default/export.json").body().string()).size());
        });
    }

    private static long tricky(Respondent r, String email) {
        long id = parse(r.start()).get("id").asLong();
        r.answer("name", "Zoë, \"Z\" 🦊");
        r.answer("email", email);
        r.step(1);
        r.answer("age", "34");
        r.answer("about", ABOUT);
        r.step(2);
        r.answer("gender", "female");
        r.step(3);
        r.answer("book", BOOK);
        r.answer("colours", List.of("red", "blue"));
        r.step(4);
        assertTrue(parse(r.complete()).get("completed").asBoolean());
        return id;
    }
}
