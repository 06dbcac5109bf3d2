package livesurvey.live;

import livesurvey.jobs.JobLease;
import livesurvey.jobs.LeasedSchedule;

import java.time.Clock;
import java.time.Duration;

/**
 * Prunes the change feed of changes older than the retention, once a minute, on one instance at
 * a time. The retention is how far back a sync client's cursor or a dashboard's Last-Event-ID
 * can resume from; older ones get 410 / a reset.
 */
public final class FeedRetention {
    static final String JOB = "change-feed-prune";
    static final int CHUNK = 10_000;

    private FeedRetention() {
    }

    public static LeasedSchedule schedule(JobLease leases, ChangeDao changes, Clock clock, Duration retention) {
        return new LeasedSchedule(leases, clock, JOB, Duration.ofMinutes(1), lease -> prune(changes, clock, retention, lease));
    }

    static int prune(ChangeDao changes, Clock clock, Duration retention, LeasedSchedule.Lease lease) {
        long before = clock.millis() - retention.toMillis();
        int total = 0;
        int deleted;
        // In chunks, so no statement holds locks for long; stop if another instance took over.
        do {
            deleted = changes.prune(before, CHUNK);
            total += deleted;
        } while (deleted == CHUNK && lease.held());
        return total;
    }
}
