package livesurvey.response;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import livesurvey.Admin;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.TestJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many respondents completing the survey at once (issue 9): no request may fail — no deadlock,
 * lock-wait or certification error reaches a respondent — every address stays unique, and the
 * summary counts every one of them.
 */
class ConcurrentRespondentsTest extends DatabaseTest {
    private static final int RESPONDENTS = 240;
    private static final int THREADS = 24;
    private static final String[] GENDERS = {"female", "male", "other"};

    @Test
    void two_hundred_and_forty_respondents_on_24_threads_all_complete_without_an_error() {
        db.test((server, client) -> {
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<String>> emails = new ArrayList<>();
            for (int i = 0; i < RESPONDENTS; i++) {
                int n = i;
                emails.add(pool.submit(() -> takeTheSurvey(client, n, errors)));
            }
            Set<String> completedWith = new HashSet<>();
            for (Future<String> email : emails) {
                completedWith.add(email.get(5, TimeUnit.MINUTES));
            }
            pool.shutdown();
            assertEquals(List.of(), List.copyOf(errors), "every request answered as a respondent expects");
            assertEquals(RESPONDENTS, completedWith.size(), "every respondent completed, each with an address of its own");

            JsonNode summary = Admin.loggedIn(client).summary();
            assertEquals(RESPONDENTS, summary.get("count").asLong(), summary.toString());
            assertEquals(RESPONDENTS, summary.get("completed").asLong(), summary.toString());
            long distinctCompletedEmails = db.database().jdbi().withHandle(h -> h.createQuery("""
                    SELECT COUNT(DISTINCT a.answer_value) FROM answers a JOIN responses r ON r.id = a.response_id
                    JOIN questions q ON q.id = a.question_id
                    WHERE q.question_key = 'email' AND r.completed_at IS NOT NULL AND a.valid
                    """).mapTo(Long.class).one());
            assertEquals(RESPONDENTS, distinctCompletedEmails);
        });
    }

    /**
     * One respondent, every reply checked. Pairs of respondents first want the same address: the
     * one NEXT refuses (422) picks another, as a person would.
     */
    private static String takeTheSurvey(HttpClient client, int n, ConcurrentLinkedQueue<String> errors) {
        var r = new Respondent(client);
        expect(r.start(), 201, "start", n, errors);
        expect(r.answer("name", "Person " + n), 200, "name", n, errors);
        String email = n % 10 < 2 ? "wanted-" + (n / 10) + "@example.org" : "person-" + n + "@example.org";
        expect(r.answer("email", email), 200, "email", n, errors);
        Response step1 = r.step(1);
        if (step1.code() == 422 && email.startsWith("wanted-")) {
            email = "second-choice-" + n + "@example.org";
            expect(r.answer("email", email), 200, "email again", n, errors);
            step1 = r.step(1);
        }
        expect(step1, 200, "step 1", n, errors);
        expect(r.answer("age", Integer.toString(16 + n % 80)), 200, "age", n, errors);
        expect(r.answer("about", "I am number " + n), 200, "about", n, errors);
        expect(r.step(2), 200, "step 2", n, errors);
        expect(r.answer("gender", GENDERS[n % 3]), 200, "gender", n, errors);
        expect(r.step(3), 200, "step 3", n, errors);
        expect(r.answer("colours", List.of("red", n % 2 == 0 ? "blue" : "green")), 200, "colours", n, errors);
        expect(r.step(4), 200, "step 4", n, errors);
        Response done = r.complete();
        expect(done, 200, "complete", n, errors);
        if (done.code() == 200 && !TestJson.parse(done).get("completed").asBoolean()) {
            errors.add("respondent " + n + " not completed: " + done.body().string());
        }
        return email;
    }

    private static void expect(Response r, int status, String what, int n, ConcurrentLinkedQueue<String> errors) {
        if (r.code() != status) {
            errors.add("respondent " + n + " " + what + ": " + r.code() + " " + r.body().string());
        }
    }
}
