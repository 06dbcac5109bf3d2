package livesurvey.jobs;

import livesurvey.DatabaseTest;
import livesurvey.TestClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobLeaseTest extends DatabaseTest {
    private static final Duration TTL = Duration.ofSeconds(30);

    @Test
    void a_held_lease_is_refused_to_others_until_it_expires_then_one_takes_it_over() {
        Jdbi jdbi = db.database().jdbi();
        TestClock clock = new TestClock(1_000_000);
        JobLease a = new JobLease(jdbi, clock, "instance-a");
        JobLease b = new JobLease(jdbi, clock, "instance-b");

        assertTrue(a.acquire("expiry-test", TTL), "the first instance takes a new job's lease");
        assertFalse(b.acquire("expiry-test", TTL), "the other is refused while it is held");
        clock.advance(Duration.ofSeconds(20));
        assertTrue(a.acquire("expiry-test", TTL), "the holder renews it");
        clock.advance(Duration.ofSeconds(20));
        assertFalse(b.acquire("expiry-test", TTL), "renewed: still held 40 s after it was first taken");

        clock.advance(Duration.ofSeconds(11));
        assertTrue(b.acquire("expiry-test", TTL), "expired: another instance takes it over");
        assertFalse(a.acquire("expiry-test", TTL), "the old holder has lost it and cannot renew");
        assertFalse(a.holds("expiry-test"));
        assertEquals("instance-b", b.lease("expiry-test").orElseThrow().owner());

        b.release("expiry-test");
        assertTrue(a.acquire("expiry-test", TTL), "a released lease is free at once");
    }

    @Test
    void of_many_instances_racing_for_a_lease_exactly_one_wins_each_time() throws Exception {
        Jdbi jdbi = db.database().jdbi();
        TestClock clock = new TestClock(5_000_000);
        int instances = 8;
        List<JobLease> leases = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            leases.add(new JobLease(jdbi, clock, "racer-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            // Round 0 races to create the row; later rounds race for an expired one.
            for (int round = 0; round < 15; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (JobLease lease : leases) {
                    Callable<Boolean> attempt = () -> {
                        go.await();
                        return lease.acquire("race-test", TTL);
                    };
                    results.add(pool.submit(attempt));
                }
                go.countDown();
                int winners = 0;
                for (Future<Boolean> r : results) {
                    winners += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round + ": exactly one instance holds the lease");
                clock.advance(TTL.plusSeconds(1));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_leased_schedule_runs_once_per_period_on_one_instance_and_fails_over() {
        Jdbi jdbi = db.database().jdbi();
        TestClock clock = new TestClock(9_000_000);
        AtomicInteger onA = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        Duration every = Duration.ofMinutes(10);
        Duration heartbeat = Duration.ofSeconds(10);
        var a = new LeasedSchedule(new JobLease(jdbi, clock, "a"), clock, "failover-test", every, heartbeat,
                lease -> onA.incrementAndGet());
        var b = new LeasedSchedule(new JobLease(jdbi, clock, "b"), clock, "failover-test", every, heartbeat,
                lease -> onB.incrementAndGet());

        assertTrue(a.runIfDue(), "the first holder runs the job at once");
        assertFalse(b.runIfDue(), "the other instance does not");
        // Both heartbeat for 25 minutes: only the holder runs the job, once per 10 minutes.
        heartbeats(clock, heartbeat, Duration.ofMinutes(25), a, b);
        assertEquals(3, onA.get(), "at 0, 10 and 20 minutes");
        assertEquals(0, onB.get());

        // The holder dies (stops heartbeating): once its lease expires the other takes the job
        // over, and runs it when 10 minutes have passed since the last run on any instance.
        heartbeats(clock, heartbeat, Duration.ofMinutes(10), b);
        assertEquals(1, onB.get(), "taken over after the lease expired, run once at 30 minutes");
        assertFalse(a.runIfDue(), "the old holder comes back: refused");
        heartbeats(clock, heartbeat, Duration.ofMinutes(10), a, b);
        assertEquals(3, onA.get());
        assertEquals(2, onB.get());
    }

    /** Advances the clock by heartbeats for a while, each instance taking its heartbeat in turn. */
    private static void heartbeats(TestClock clock, Duration heartbeat, Duration span, LeasedSchedule... alive) {
        for (long t = 0; t < span.toMillis(); t += heartbeat.toMillis()) {
            clock.advance(heartbeat);
            for (LeasedSchedule s : alive) {
                s.runIfDue();
            }
        }
    }

    @Test
    void a_long_job_learns_it_lost_its_lease_after_a_pause_longer_than_the_lease() {
        Jdbi jdbi = db.database().jdbi();
        TestClock clock = new TestClock(20_000_000);
        JobLease other = new JobLease(jdbi, clock, "other");
        List<Boolean> heldAnswers = new ArrayList<>();
        var schedule = new LeasedSchedule(new JobLease(jdbi, clock, "slow"), clock, "pause-test", Duration.ofHours(1),
                Duration.ofSeconds(10), lease -> {
                    clock.advance(Duration.ofSeconds(15));
                    heldAnswers.add(lease.held()); // renewed after one heartbeat
                    clock.advance(Duration.ofSeconds(31)); // a pause longer than the lease (3 heartbeats)
                    assertTrue(other.acquire("pause-test", TTL));
                    heldAnswers.add(lease.held());
                });
        assertTrue(schedule.runIfDue());
        assertEquals(List.of(true, false), heldAnswers);
    }

    @Test
    void started_schedules_on_two_instances_never_run_the_job_at_the_same_time() {
        Jdbi jdbi = db.database().jdbi();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        LeasedSchedule.Job job = lease -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.sleep(20);
            running.decrementAndGet();
            runs.incrementAndGet();
        };
        Clock clock = Clock.systemUTC();
        try (var a = new LeasedSchedule(new JobLease(jdbi, clock, "live-a"), clock, "overlap-test",
                Duration.ofMillis(50), Duration.ofMillis(50), job).start();
             var b = new LeasedSchedule(new JobLease(jdbi, clock, "live-b"), clock, "overlap-test",
                     Duration.ofMillis(50), Duration.ofMillis(50), job).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 10);
        }
        assertEquals(0, overlaps.get(), "the job never ran on both instances at once");
    }
}
