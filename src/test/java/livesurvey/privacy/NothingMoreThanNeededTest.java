package livesurvey.privacy;

import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Privacy by default: no IP address or user agent is stored anywhere, and no answer reaches a log. */
class NothingMoreThanNeededTest extends DatabaseTest {
    private static final String SECRET = "Secret-Answer-4417";

    @Test
    void no_column_and_no_value_holds_an_ip_address_or_a_user_agent() {
        db.test((server, client) -> {
            new Respondent(client).completeWith("Ivy Private", "ivy.private@example.com", "28", "female",
                    List.of("green"));
            Admin.loggedIn(client).summary();
            TableScan scan = new TableScan(db.database().jdbi());
            List<String> suspicious = scan.textColumns().stream()
                    .map(c -> (c.table() + "." + c.column()).toLowerCase(Locale.ROOT))
                    .filter(name -> name.matches(".*(\\bip\\b|_ip|ip_|addr|agent|host|device|referer|referrer).*"))
                    .filter(name -> !name.equals("questions.question_key")).toList();
            assertEquals(List.of(), suspicious, "columns that could hold a client's network or device data");
            assertEquals(List.of(), scan.find("127.0.0.1"));
            assertEquals(List.of(), scan.find("Java-http-client"), "the client's User-Agent");
        });
    }

    @Test
    void answers_never_reach_the_log_even_when_a_statement_fails() {
        List<String> logged = captureStandardStreams(() -> db.test((server, client) -> {
            Respondent r = new Respondent(client);
            r.start();
            r.answer("name", SECRET);
            r.answer("about", SECRET + " about");
            r.answer("email", SECRET + "@example.com");
            Admin admin = Admin.loggedIn(client);
            admin.page();
            admin.get("/api/surveys/default/export.csv");
            admin.send("POST", "/api/surveys/default/respondents/export",
                    "{\"key\":\"email\",\"value\":\"" + SECRET + "@example.com\"}");
            admin.send("POST", "/api/surveys/default/respondents/erase",
                    "{\"key\":\"email\",\"value\":\"" + SECRET + "@example.com\"}");
            // A statement that fails with an answer bound to it: its message is what gets logged.
            var failure = assertThrows(RuntimeException.class, () -> db.database().jdbi().useHandle(h -> h.createUpdate(
                            "INSERT INTO answers (response_id, question_id, answer_value, sort_value, valid, updated_at)"
                                    + " VALUES (:r, 1, :v, :v, TRUE, 0)")
                    .bind("r", Long.MAX_VALUE).bind("v", SECRET).execute()));
            for (Throwable t = failure; t != null; t = t.getCause()) {
                System.err.println("Logged as an error would be: " + t);
            }
        }));
        assertTrue(logged.stream().anyMatch(line -> line.contains("Logged as an error")), "the capture works");
        List<String> leaks = logged.stream().filter(line -> line.contains(SECRET)).toList();
        assertEquals(List.of(), leaks, "log lines with an answer in them");
        assertFalse(String.join("\n", logged).contains("127.0.0.1"), "no client IP in the log");
    }

    /** Everything written to System.out and System.err while the action runs, line by line. */
    private static List<String> captureStandardStreams(Runnable action) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        List<String> lines = new ArrayList<>(captured.toString(StandardCharsets.UTF_8).lines().toList());
        lines.forEach(err::println); // still visible in the test's output
        return lines;
    }
}
