package livesurvey.live;

import livesurvey.Backend;
import livesurvey.DatabaseTest;
import livesurvey.Respondent;
import livesurvey.TestClock;
import livesurvey.TestJson;
import livesurvey.jobs.JobLease;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChangeFollowerTest extends DatabaseTest {
    private static final Watermark.Limits LIMITS = new Watermark.Limits(1_000, Duration.ofSeconds(10),
            Duration.ofMinutes(10));

    private ChangeFollower follower(Clock clock) {
        var follower = new ChangeFollower(db.database(), clock, Duration.ofHours(1),
                LIMITS);
        follower.skipHistory();
        return follower;
    }

    /** Response ids of the changes, in delivery order. */
    private static List<Long> responses(List<Change> changes) {
        return changes.stream().map(Change::responseId).toList();
    }

    @Test
    void a_change_that_commits_after_a_later_one_is_still_delivered_once() {
        Jdbi jdbi = db.database().jdbi();
        var follower = follower(Clock.systemUTC());
        List<Change> delivered = new ArrayList<>();
        follower.addListener((changes, position) -> delivered.addAll(changes));
        try (Handle slow = jdbi.open(); Handle fast = jdbi.open()) {
            slow.begin();
            slow.attach(ChangeDao.class).record(1, 41, Change.RESPONSE, System.currentTimeMillis());
            fast.begin();
            fast.attach(ChangeDao.class).record(1, 42, Change.RESPONSE, System.currentTimeMillis());
            fast.commit();
            follower.pollOnce();
            assertEquals(List.of(42L), responses(delivered));
            long afterFirst = follower.position();

            slow.commit();
            follower.pollOnce();
            follower.pollOnce();
            assertEquals(List.of(42L, 41L), responses(delivered), "the late commit arrives, and nothing twice");
            assertTrue(follower.position() > afterFirst, "the watermark moves past the filled gap");
        }
    }

    @Test
    void a_listener_that_throws_gets_the_same_changes_again_then_a_reset() {
        Jdbi jdbi = db.database().jdbi();
        var follower = follower(Clock.systemUTC());
        List<Long> offered = new ArrayList<>();
        List<String> resets = new ArrayList<>();
        int[] failuresLeft = {1};
        follower.addListener(new ChangeFollower.Listener() {
            @Override
            public void onChanges(List<Change> changes, long position) {
                offered.addAll(responses(changes));
                if (failuresLeft[0]-- > 0) {
                    throw new IllegalStateException("listener down");
                }
            }

            @Override
            public void onReset(String reason) {
                resets.add(reason);
            }
        });
        jdbi.useExtension(ChangeDao.class, dao -> dao.record(1, 7, Change.RESPONSE, System.currentTimeMillis()));
        follower.pollOnce();
        follower.pollOnce();
        follower.pollOnce();
        assertEquals(List.of(7L, 7L), offered, "offered again after the failure, then marked delivered");
        assertEquals(List.of(), resets, "nothing was lost: no reset");

        failuresLeft[0] = Integer.MAX_VALUE;
        jdbi.useExtension(ChangeDao.class, dao -> dao.record(1, 8, Change.RESPONSE, System.currentTimeMillis()));
        for (int i = 0; i < ChangeFollower.ATTEMPTS + 2; i++) {
            follower.pollOnce();
        }
        assertEquals(ChangeFollower.ATTEMPTS, offered.stream().filter(id -> id == 8).count(),
                "a listener that keeps failing is given up on after a few attempts");
        assertEquals(1, resets.size(), "and the listeners are reset: they may have missed something");
    }

    @Test
    void a_commit_later_than_the_gap_timeout_is_delivered_and_announced_again_for_readers_past_it() {
        Jdbi jdbi = db.database().jdbi();
        TestClock clock = new TestClock(System.currentTimeMillis());
        var follower = follower(clock);
        List<Change> delivered = new ArrayList<>();
        follower.addListener((changes, position) -> delivered.addAll(changes));
        try (Handle slow = jdbi.open()) {
            slow.begin();
            slow.attach(ChangeDao.class).record(1, 51, Change.RESPONSE, clock.millis());
            jdbi.useExtension(ChangeDao.class, dao -> dao.record(1, 52, Change.RESPONSE, clock.millis()));
            follower.pollOnce();
            long before = follower.position();
            clock.advance(LIMITS.gapTimeout().plusSeconds(1));
            follower.pollOnce();
            long passed = follower.position();
            assertTrue(passed > before, "past the gap timeout the position moves on");

            slow.commit();
            follower.pollOnce();
            follower.pollOnce();
            assertEquals(List.of(52L, 51L, 51L), responses(delivered),
                    "the late commit is delivered, then once more from its new feed row");
            List<Change> afterPosition = jdbi.withExtension(ChangeDao.class, dao -> dao.afterForSurvey(passed, 1, 10));
            assertEquals(List.of(51L), responses(afterPosition),
                    "a reader resuming from the position it was given sees the late change");
        }
    }

    @Test
    void pruning_removes_only_changes_older_than_the_retention_on_one_instance() {
        Jdbi jdbi = db.database().jdbi();
        TestClock clock = new TestClock(System.currentTimeMillis());
        ChangeDao dao = jdbi.onDemand(ChangeDao.class);
        long start = dao.newest().orElse(0L);
        dao.record(2, 1, Change.RESPONSE, clock.millis() - Duration.ofDays(8).toMillis());
        dao.record(2, 2, Change.RESPONSE, clock.millis() - Duration.ofDays(6).toMillis());
        var a = FeedRetention.schedule(new JobLease(jdbi, clock), dao, clock, Duration.ofDays(7));
        var b = FeedRetention.schedule(new JobLease(jdbi, clock), dao, clock, Duration.ofDays(7));
        assertTrue(a.runIfDue(), "the first instance prunes");
        assertTrue(!b.runIfDue(), "the second does not, at the same time");
        assertEquals(List.of(2L), responses(dao.afterForSurvey(start, 2, 10)), "the 8-day-old change is gone");
    }

    @Test
    void every_change_from_two_instances_with_concurrent_writers_is_delivered_exactly_once() throws Exception {
        Jdbi jdbi = db.database().jdbi();
        long start = jdbi.withExtension(ChangeDao.class, dao -> dao.newest().orElse(0L));
        ConcurrentLinkedQueue<Long> delivered = new ConcurrentLinkedQueue<>();
        var follower = new ChangeFollower(db.database(), Clock.systemUTC(), Duration.ofMillis(20),
                new Watermark.Limits(1_000, Duration.ofSeconds(30), Duration.ofMinutes(10)));
        follower.addListener((changes, position) -> changes.forEach(c -> delivered.add(c.id())));
        follower.start();
        try (var second = Backend.sameDatabaseAs(db)) {
            db.test((serverA, clientA) -> second.test((serverB, clientB) -> {
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> typists = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    var client = t % 2 == 0 ? clientA : clientB;
                    typists.add(pool.submit(() -> {
                        var r = new Respondent(client);
                        TestJson.parse(r.start());
                        for (int i = 0; i < 25; i++) {
                            assertEquals(200, r.answer("about", "typing " + i).code());
                        }
                        return null;
                    }));
                }
                pool.shutdown();
                for (Future<?> typist : typists) {
                    typist.get(60, TimeUnit.SECONDS); // rethrows a typist's failure
                }
            }));
            List<Long> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM changes WHERE id > :start")
                    .bind("start", start).mapTo(Long.class).list());
            Set<Long> committed = new TreeSet<>(ids);
            await("every committed change delivered").atMost(Duration.ofSeconds(20))
                    .until(() -> new TreeSet<>(delivered).containsAll(committed));
            List<Long> got = new ArrayList<>(delivered);
            assertEquals(new TreeSet<>(got).size(), got.size(), "no change was delivered twice");
            assertTrue(committed.size() >= 8 * 26, "8 starts and 200 answers made changes: " + committed.size());
        } finally {
            follower.close();
        }
    }
}
