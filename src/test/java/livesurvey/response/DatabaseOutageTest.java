package livesurvey.response;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.javalin.testtools.TestConfig;
import livesurvey.App;
import livesurvey.Database;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static livesurvey.TestJson.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database becomes unreachable and comes back: respondents hear 503 with Retry-After, never a 500. */
class DatabaseOutageTest extends DatabaseTest {
    @Test
    void answers_sent_while_the_database_is_unreachable_get_503_with_retry_after_and_succeed_when_it_is_back() {
        Database own = Database.open(db.config());
        try (App app = new App(db.config(), own)) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, HttpClient.newHttpClient(), Map.of()),
                    (server, client) -> {
                        List<Respondent> typists = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            var r = new Respondent(client);
                            r.start();
                            assertEquals(200, r.answer("name", "Before").code());
                            typists.add(r);
                        }
                        unreachable(own.dataSource(), true);
                        List<CompletableFuture<Response>> replies = new ArrayList<>();
                        for (Respondent r : typists) {
                            replies.add(CompletableFuture.supplyAsync(() -> r.answer("name", "During")));
                        }
                        for (var reply : replies) {
                            Response r = reply.join();
                            assertEquals(503, r.code(), r.body().string());
                            assertNotNull(r.headers().get("Retry-After"), "says when to retry");
                            assertTrue(parse(r).has("error"));
                        }
                        assertEquals(503, typists.get(0).state().code(), "reads say 503 too");
                        assertEquals(503, client.get("/health").code());

                        unreachable(own.dataSource(), false);
                        for (Respondent r : typists) {
                            // As the survey page does: retry after a 503 until the pool has reconnected.
                            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                                    .until(() -> r.answer("name", "After").code(), code -> code == 200);
                            assertEquals("After", parse(r.state()).at("/answers/name/value").asText(), "the retry is stored");
                        }
                        assertEquals("up", parse(client.get("/health")).get("writers").asText());
                    });
        } finally {
            own.close();
        }
    }

    /** Cuts the pool off from the database (new connections are refused; open ones are dropped), or restores it. */
    private void unreachable(HikariDataSource pool, boolean cut) {
        pool.getHikariConfigMXBean().setConnectionTimeout(cut ? 500 : 5_000);
        pool.getHikariConfigMXBean().setPassword(cut ? "not-the-password" : db.config().databasePassword());
        if (cut) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }
}
