package livesurvey.ops;

import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;
import io.javalin.testtools.TestConfig;
import livesurvey.Admin;
import livesurvey.App;
import livesurvey.DatabaseTest;
import livesurvey.EventStream;
import livesurvey.Respondent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static livesurvey.EventStream.named;
import static livesurvey.TestJson.parse;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM drains: no new writes (503 + Retry-After), queued ones committed, streams told to reconnect. */
class GracefulShutdownTest extends DatabaseTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void a_draining_instance_refuses_writes_tells_streams_to_reconnect_and_says_so_on_health() throws Exception {
        withOwnApp((app, port, client) -> {
            var ann = new Respondent(client);
            ann.start();
            assertEquals(200, ann.answer("name", "Ann").code());
            Admin admin = Admin.loggedIn(client);
            try (var stream = new EventStream(events(port), admin.cookie(), null)) {
                assertEquals(200, stream.status());
                stream.await(named("summary"), BOUND);

                app.drain(Duration.ZERO);

                await().atMost(BOUND).until(stream::ended);
                assertEquals(500L, stream.retryMillis(), "the dashboard is told to reconnect soon");
            }
            Response health = client.get("/health");
            assertEquals(503, health.code());
            assertEquals("draining", parse(health).get("status").asText());

            Response refused = ann.answer("name", "Too late");
            assertEquals(503, refused.code());
            assertTrue(Integer.parseInt(refused.headers().get("Retry-After").get(0)) > 0, "Retry-After");
            assertEquals("Ann", parse(ann.state()).get("answers").get("name").get("value").asText(), "nothing stored, reads still served");
            try (var late = new EventStream(events(port), admin.cookie(), null)) {
                assertEquals(503, late.status(), "new streams go to another instance");
            }
        });
    }

    @Test
    void every_answer_acknowledged_before_or_during_the_drain_is_stored() throws Exception {
        withOwnApp((app, port, client) -> {
            int respondents = 12;
            Map<Integer, Integer> lastAcknowledged = new ConcurrentHashMap<>();
            List<Integer> otherStatuses = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean refusedSeen = new AtomicBoolean();
            List<Respondent> all = new ArrayList<>();
            List<CompletableFuture<Void>> typing = new ArrayList<>();
            for (int r = 0; r < respondents; r++) {
                var respondent = new Respondent(client);
                assertEquals(201, respondent.start().code());
                all.add(respondent);
                int id = r;
                typing.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 100_000; i++) {
                        int code = respondent.answer("about", "keystroke " + i).code();
                        if (code == 200) {
                            lastAcknowledged.put(id, i);
                        } else if (code == 503) {
                            refusedSeen.set(true);
                            return;
                        } else {
                            otherStatuses.add(code);
                            return;
                        }
                    }
                }));
            }
            await().atMost(BOUND).until(() -> lastAcknowledged.size() == respondents);

            app.drain(Duration.ZERO);

            CompletableFuture.allOf(typing.toArray(CompletableFuture[]::new)).get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertEquals(List.of(), otherStatuses, "only 200 or 503");
            assertTrue(refusedSeen.get());
            for (int r = 0; r < respondents; r++) {
                String stored = parse(all.get(r).state()).get("answers").get("about").get("value").asText();
                int storedIndex = Integer.parseInt(stored.substring("keystroke ".length()));
                assertTrue(storedIndex >= lastAcknowledged.get(r),
                        "respondent " + r + ": acknowledged " + lastAcknowledged.get(r) + ", stored " + storedIndex);
            }
        });
    }

    private interface AppTest {
        void run(App app, int port, HttpClient client) throws Exception;
    }

    /** An app of its own: draining it must not touch the class's shared one. */
    private void withOwnApp(AppTest test) {
        try (App app = new App(db.config(), db.database())) {
            JavalinTest.test(app.javalin(), new TestConfig(false, false, java.net.http.HttpClient.newHttpClient(), Map.of()),
                    (server, client) -> test.run(app, server.port(), client));
        }
    }

    private static String events(int port) {
        return "http://127.0.0.1:" + port + "/api/surveys/default/events";
    }
}
