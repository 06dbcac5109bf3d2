package livesurvey;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static livesurvey.TestJson.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DATABASE_READ_URL: the dashboard's pages, exports and summaries come from the replica while it is
 * current; respondents and writes always use the primary; a replica behind or down is skipped.
 * The "replica" here is a second database that no one replicates to, so what is read shows where.
 */
class ReplicaReadsTest extends DatabaseTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private Backend primary;
    private Backend replica;

    @BeforeEach
    void twoDatabases() {
        primary = Backend.freshLike(db);
        replica = Backend.freshLike(db);
        // Only on the replica: Rita, who completed the survey.
        replica.test((server, client) -> new Respondent(client).completeWith("Rita", "rita@example.com", "40",
                "female", List.of("red")));
    }

    @AfterEach
    void dropThem() {
        primary.close();
        replica.close();
    }

    @Test
    void dashboard_reads_come_from_a_current_replica_and_respondents_use_the_primary() {
        withReadUrl(replica.config().databaseUrl(), client -> {
            Respondent ann = new Respondent(client);
            assertEquals(201, ann.start().code());
            assertEquals(200, ann.answer("name", "Ann").code());
            assertEquals("Ann", parse(ann.state()).at("/answers/name/value").asText(), "the respondent reads the primary");

            Admin admin = Admin.loggedIn(client);
            assertEquals(List.of("Rita"), names(admin.page()), "the table page is the replica's");
            assertEquals(1, admin.summary().get("completed").asLong(), "so is the summary");
            assertTrue(admin.get("/api/surveys/default/export.csv").body().string().contains("Rita"), "and the export");
        });
    }

    @Test
    void a_replica_that_falls_behind_the_change_feed_is_skipped() {
        withReadUrl(replica.config().databaseUrl(), client -> {
            Admin admin = Admin.loggedIn(client);
            assertEquals(List.of("Rita"), names(admin.page()));
            Respondent ann = new Respondent(client);
            ann.start();
            // Each answer is a change on the primary the replica never gets: it falls behind.
            for (int i = 0; i < 30; i++) {
                assertEquals(200, ann.answer("name", "Ann " + i).code());
            }
            await().atMost(BOUND).until(() -> names(admin.page()).equals(List.of("Ann 29")));
            assertEquals(0, admin.summary().get("completed").asLong());
        });
    }

    @Test
    void a_replica_that_is_down_is_skipped() {
        withReadUrl("jdbc:mysql://127.0.0.1:1/nowhere", client -> {
            Respondent ann = new Respondent(client);
            ann.start();
            ann.answer("name", "Ann");
            Admin admin = Admin.loggedIn(client);
            assertEquals(List.of("Ann"), names(admin.page()));
            assertEquals(1, admin.summary().get("count").asLong());
            assertEquals(200, admin.get("/api/surveys/default/export.json").code());
        });
    }

    private void withReadUrl(String readUrl, Consumer<HttpClient> test) {
        Config config = primary.config().withReadDatabaseUrl(readUrl);
        try (Database database = Database.open(config); App app = new App(config, database)) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, java.net.http.HttpClient.newHttpClient(),
                    Map.of()), (server, client) -> test.accept(client));
        }
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(row -> names.add(row.at("/answers/name").asText()));
        return names;
    }
}
