package livesurvey;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary's counters, kept with every change, equal what {@code recount} rebuilds from the rows. */
class RecountTest extends DatabaseTest {
    private static final String[] GENDERS = {"female", "male", "other"};
    private static final String[] COLOURS = {"red", "blue", "green", "grey"};

    @Test
    void counters_equal_a_recount_after_a_random_mix_of_starts_answers_completions_and_deletes() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                long seed = 1_000 + t;
                done.add(pool.submit(() -> randomMix(client, admin, new Random(seed), seed)));
            }
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
            pool.shutdown();
            List<String> kept = counters();
            assertTrue(kept.stream().anyMatch(c -> c.contains("|blue|")), "the mix chose colours: " + kept);
            assertEquals(0, recount());
            assertEquals(counters(), kept, "counters kept with each change equal a recount from the rows");
        });
    }

    @Test
    void recount_repairs_counters_an_upgrade_left_without_checkbox_answers() {
        db.test((server, client) -> {
            for (int i = 0; i < 3; i++) {
                new Respondent(client).completeWith("P" + i, "p" + i + "@example.org", "30", "female", List.of("red"));
            }
            var gone = new Respondent(client);
            long goneId = gone.completeWith("Q", "q@example.org", "30", "male", List.of("red")).get("id").asLong();
            // What the counter back-fill of an upgraded database left: no checkbox counts at all.
            db.database().jdbi().useHandle(h -> h.execute("DELETE FROM summary_counters WHERE item = 'red'"));
            assertEquals(204, Admin.loggedIn(client).delete(goneId).code());
            assertTrue(counters().stream().anyMatch(c -> c.endsWith("|red|-1")), "negative: " + counters());

            assertEquals(0, recount());
            List<String> after = counters();
            assertTrue(after.stream().anyMatch(c -> c.endsWith("|red|3")), after.toString());
            assertTrue(after.stream().anyMatch(c -> c.endsWith("|0|completed|3")), after.toString());
            assertTrue(after.stream().anyMatch(c -> c.endsWith("|0|responses|3")), after.toString());
        });
    }

    /** One simulated visitor after another: start, answer some, maybe complete, reset or be deleted. */
    private static Object randomMix(io.javalin.testtools.HttpClient client, Admin admin, Random random, long seed) {
        for (int i = 0; i < 12; i++) {
            var r = new Respondent(client);
            long id = TestJson.parse(r.start()).get("id").asLong();
            int reach = random.nextInt(4);
            if (reach == 0) {
                r.answer("name", "Half " + seed + "-" + i);
            } else {
                List<String> colours = new ArrayList<>();
                for (String c : COLOURS) {
                    if (random.nextBoolean()) {
                        colours.add(c);
                    }
                }
                r.completeWith("P " + seed + "-" + i, "p" + seed + "-" + i + "@example.org",
                        Integer.toString(16 + random.nextInt(80)), GENDERS[random.nextInt(3)], colours);
                if (reach == 2) {
                    r.answer("about", "too late"); // refused: completed
                }
            }
            switch (random.nextInt(4)) {
                case 0 -> admin.delete(id);
                case 1 -> r.reset();
                default -> { }
            }
        }
        return null;
    }

    /** Every counter's total, as {@code survey|question|item|amount}, zeros left out. */
    private List<String> counters() {
        return db.database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT survey_id, question_id, item, SUM(amount) AS total FROM summary_counters
                        GROUP BY survey_id, question_id, item HAVING SUM(amount) <> 0
                        ORDER BY survey_id, question_id, item
                        """).map((rs, ctx) -> rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3) + "|"
                        + rs.getLong(4)).list());
    }

    private int recount() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("DATABASE_URL", db.config().databaseUrl(),
                "DATABASE_USER", db.config().databaseUser(), "DATABASE_PASSWORD", db.config().databasePassword());
        int status = Commands.run(new String[] {"recount"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Recounted"), out.toString(StandardCharsets.UTF_8));
        return status;
    }
}
