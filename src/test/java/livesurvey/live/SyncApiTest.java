package livesurvey.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import livesurvey.Admin;
import livesurvey.Backend;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.TestJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sync API (issue 11): a client that follows the cursor ends with exactly the database's state. */
class SyncApiTest extends DatabaseTest {
    private static final String CHANGES = "/api/surveys/default/changes";

    /** A sync client: applies each page to its copy, keyed by response id. */
    static final class SyncClient {
        final Map<Long, JsonNode> copy = new TreeMap<>();
        String cursor;

        SyncClient(String cursor) {
            this.cursor = cursor;
        }

        /** One call; true when it brought nothing (caught up). */
        boolean pull(Admin admin) {
            var r = admin.get(CHANGES + "?limit=7" + (cursor == null ? "" : "&after=" + cursor));
            assertEquals(200, r.code(), "changes after " + cursor);
            JsonNode page = TestJson.parse(r);
            for (JsonNode item : page.get("items")) {
                long id = item.get("id").asLong();
                if ("deleted".equals(item.get("type").asText())) {
                    copy.remove(id);
                } else {
                    copy.put(id, item.get("response"));
                }
            }
            cursor = page.get("nextCursor").asText();
            return page.get("items").isEmpty();
        }
    }

    /** What the database holds now, through the admin API: every response of the survey, by id. */
    private Map<Long, JsonNode> databaseState(Admin admin) {
        List<Long> ids = db.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT r.id FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE s.slug = 'default'")
                .mapTo(Long.class).list());
        Map<Long, JsonNode> state = new TreeMap<>();
        for (long id : ids) {
            state.put(id, TestJson.parse(admin.response(id)));
        }
        return state;
    }

    private long newestChange() {
        return db.database().jdbi().withExtension(ChangeDao.class, dao -> dao.newest().orElse(0L));
    }

    @Test
    void a_sync_client_racing_writers_on_two_instances_ends_with_the_database_state() throws Exception {
        try (var second = Backend.sameDatabaseAs(db)) {
            db.test((serverA, clientA) -> second.test((serverB, clientB) -> {
                Admin adminA = Admin.loggedIn(clientA);
                Admin adminB = new Admin(clientB);
                adminB.useCookie(adminA.cookie());
                SyncClient sync = new SyncClient(null);
                AtomicBoolean writing = new AtomicBoolean(true);
                ExecutorService pool = Executors.newFixedThreadPool(6);
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int n = t;
                    HttpClient client = n % 2 == 0 ? clientA : clientB;
                    writers.add(pool.submit(() -> {
                        for (int k = 0; k < 3; k++) {
                            var r = new Respondent(client);
                            long id = TestJson.parse(r.start()).get("id").asLong();
                            for (int i = 0; i < 8; i++) {
                                assertEquals(200, r.answer("about", "writer " + n + " response " + k + " keystroke " + i)
                                        .code());
                            }
                            if (k == 1) {
                                r.completeWith("Sync " + n, "sync" + n + "@example.com", "33", "other", List.of("red"));
                            }
                            if (k == 2 && n % 3 == 0) {
                                assertEquals(204, (n % 2 == 0 ? adminA : adminB).delete(id).code());
                            }
                        }
                        return null;
                    }));
                }
                pool.shutdown();
                // Sync while they write, alternating instances (a cursor from one is good on the other).
                int calls = 0;
                while (writing.get()) {
                    sync.pull(calls++ % 2 == 0 ? adminA : adminB);
                    writing.set(!pool.isTerminated());
                }
                for (Future<?> w : writers) {
                    w.get(60, TimeUnit.SECONDS);
                }
                long newest = newestChange();
                org.awaitility.Awaitility.await("caught up").atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> sync.pull(adminA) && Long.parseLong(sync.cursor) >= newest);
                Map<Long, JsonNode> state = databaseState(adminA);
                assertTrue(state.size() >= 6 * 3 - 2, "responses written: " + state.size());
                assertEquals(state.keySet(), sync.copy.keySet(), "the same responses (deleted ones gone)");
                assertEquals(state, sync.copy, "each in its final state");
                assertTrue(calls > 1, "synced while writing");
            }));
        }
    }

    @Test
    void an_export_says_its_cursor_and_syncing_from_it_completes_the_copy() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            var before = new Respondent(client);
            long kept = TestJson.parse(before.start()).get("id").asLong();
            before.answer("name", "In the export");
            var r = admin.get("/api/surveys/default/export.json");
            String cursor = r.headers().get(SyncHandler.CURSOR_HEADER).get(0);
            assertNotNull(cursor);
            SyncClient sync = new SyncClient(cursor);
            for (JsonNode row : TestJson.parse(r)) {
                sync.copy.put(row.get("id").asLong(), row);
            }
            before.answer("name", "Changed after the export");
            var after = new Respondent(client);
            long added = TestJson.parse(after.start()).get("id").asLong();
            long newest = newestChange();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> sync.pull(admin) && Long.parseLong(sync.cursor) >= newest);
            assertEquals("Changed after the export", sync.copy.get(kept).at("/answers/name").asText());
            assertTrue(sync.copy.containsKey(added));
            assertNotNull(admin.get("/api/surveys/default/export.csv").headers().get(SyncHandler.CURSOR_HEADER),
                    "the CSV export says its cursor too");
        });
    }

    @Test
    void only_admins_and_good_cursors_are_answered() {
        db.test((server, client) -> {
            assertEquals(401, new Admin(client).get(CHANGES).code());
            var respondent = new Respondent(client);
            respondent.start();
            var asRespondent = new Admin(client);
            asRespondent.useCookie(respondent.cookie());
            assertEquals(401, asRespondent.get(CHANGES).code(), "a respondent cookie is not an admin");
            Admin admin = Admin.loggedIn(client);
            for (String bad : List.of("?after=abc", "?after=-1", "?limit=0", "?limit=1001", "?limit=x")) {
                var r = admin.get(CHANGES + bad);
                assertEquals(400, r.code(), bad);
                assertFalse(TestJson.parse(r).get("error").asText().isEmpty());
            }
        });
    }

    @Test
    void a_cursor_older_than_the_feed_keeps_gets_410_saying_what_to_do() {
        db.test((server, client) -> {
            Admin admin = Admin.loggedIn(client);
            var r = new Respondent(client);
            r.start();
            r.answer("name", "Soon pruned");
            long newest = newestChange();
            SyncClient sync = new SyncClient("0");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> sync.pull(admin) && Long.parseLong(sync.cursor) >= newest);
            // What the retention job does to changes older than LIVESURVEY_FEED_RETENTION.
            db.database().jdbi().useHandle(h -> h.execute("DELETE FROM changes"));
            r.answer("name", "After the prune");
            assertEquals(200, admin.get(CHANGES + "?after=" + sync.cursor).code(), "a caught-up cursor is still good");
            var gone = admin.get(CHANGES + "?after=0");
            assertEquals(410, gone.code());
            JsonNode error = TestJson.parse(gone);
            assertTrue(error.get("error").asText().contains("export"), error.toString());
            assertEquals("LiveSurvey-Cursor", error.at("/details/header").asText());
        });
    }

    @Test
    void the_route_is_in_the_api_document() {
        db.test((server, client) -> {
            JsonNode doc = TestJson.parse(client.get("/openapi.json"));
            JsonNode get = doc.at("/paths/~1api~1surveys~1{slug}~1changes/get");
            assertFalse(get.isMissingNode(), "GET /changes documented");
            assertTrue(get.at("/responses").has("410"));
            Map<String, Boolean> params = new HashMap<>();
            get.get("parameters").forEach(p -> params.put(p.get("name").asText(), true));
            assertTrue(params.containsKey("after") && params.containsKey("limit"), params.toString());
        });
    }
}
