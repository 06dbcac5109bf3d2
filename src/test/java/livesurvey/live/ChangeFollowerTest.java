package livesurvey.live;

import livesurvey.Backend;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.TestJson;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeFollowerTest extends DatabaseTest {
    @Test
    void a_change_that_commits_after_a_later_one_is_still_delivered_once() {
        Jdbi jdbi = db.database().jdbi();
        var follower = new ChangeFollower(jdbi.onDemand(ChangeDao.class), Clock.systemUTC(), Duration.ofHours(1),
                Duration.ofMinutes(1), Duration.ofHours(1));
        List<Change> delivered = new ArrayList<>();
        follower.addListener((changes, position) -> delivered.addAll(changes));
        follower.skipHistory();
        try (Handle slow = jdbi.open(); Handle fast = jdbi.open()) {
            slow.begin();
            slow.attach(ChangeDao.class).record(1, 41, Change.RESPONSE, 0);
            fast.begin();
            fast.attach(ChangeDao.class).record(1, 42, Change.RESPONSE, 0);
            fast.commit();
            follower.pollOnce();
            assertEquals(List.of(42L), delivered.stream().map(Change::responseId).toList());
            long afterFirst = follower.position();

            slow.commit();
            follower.pollOnce();
            follower.pollOnce();
            assertEquals(List.of(42L, 41L), delivered.stream().map(Change::responseId).toList(),
                    "the late commit arrives, and nothing twice");
            assertTrue(follower.position() > afterFirst, "the watermark moves past the filled gap");
        } finally {
            follower.close();
        }
    }

    @Test
    void every_change_from_two_instances_with_concurrent_writers_is_delivered_exactly_once() throws Exception {
        Jdbi jdbi = db.database().jdbi();
        ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
        var follower = new ChangeFollower(jdbi.onDemand(ChangeDao.class), Clock.systemUTC(), Duration.ofMillis(20),
                Duration.ofSeconds(30), Duration.ofHours(1));
        follower.addListener((changes, position) -> changes.forEach(c -> delivered.add(c.id())));
        follower.start();
        try (var second = Backend.sameDatabaseAs(db)) {
            db.test((serverA, clientA) -> second.test((serverB, clientB) -> {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                for (int t = 0; t < 8; t++) {
                    var client = t % 2 == 0 ? clientA : clientB;
                    pool.submit(() -> {
                        var r = new Respondent(client);
                        TestJson.parse(r.start());
                        for (int i = 0; i < 25; i++) {
                            r.answer("about", "typing " + i);
                        }
                        return null;
                    });
                }
                pool.shutdown();
                assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
            }));
            List<Long> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM changes").mapTo(Long.class).list());
            Set<Long> committed = new TreeSet<>(ids);
            await("every committed change delivered").atMost(Duration.ofSeconds(20))
                    .until(() -> new TreeSet<>(delivered).containsAll(committed));
            List<Long> got = new ArrayList<>(delivered);
            Collections.sort(got);
            assertTrue(new TreeSet<>(got).containsAll(committed), "every committed change was delivered");
            assertEquals(new TreeSet<>(got).size(), got.size(), "no change was delivered twice");
            assertTrue(committed.size() >= 8 * 26, "8 starts and 200 answers made changes: " + committed.size());
        } finally {
            follower.close();
        }
    }
}
