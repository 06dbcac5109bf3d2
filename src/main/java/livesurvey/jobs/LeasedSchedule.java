package livesurvey.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A job that runs every so often on exactly one of the instances sharing the database.
 *
 * <p>Every heartbeat each instance tries to take or renew the job's lease ({@link JobLease});
 * the one that holds it runs the job when it is due — when {@code every} has passed since the
 * job last ran on any instance (the run time is kept in the lease row, so a restart or a
 * take-over does not run it twice in a period). If the holder dies, its lease expires after
 * three heartbeats and another instance takes the job over.
 *
 * <p>A job that works in steps (deleting in chunks, delivering one by one) should call
 * {@link Lease#held()} between steps and stop when it answers false: that renews the lease,
 * and answers false once another instance has taken it (after a pause longer than the lease).
 */
public final class LeasedSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedSchedule.class);

    /** The work to do when due. */
    @FunctionalInterface
    public interface Job {
        void run(Lease lease) throws Exception;
    }

    /** The running job's view of its lease. */
    public interface Lease {
        /** Renews the lease if a heartbeat has passed; false when this instance no longer holds it. */
        boolean held();
    }

    private final JobLease leases;
    private final String name;
    private final Duration every;
    private final Duration heartbeat;
    private final Duration ttl;
    private final Clock clock;
    private final Job job;
    private ScheduledExecutorService scheduler;

    /** A heartbeat of at most 15 s (sooner for frequent jobs), so a dead holder is replaced within ~45 s. */
    public LeasedSchedule(JobLease leases, Clock clock, String name, Duration every, Job job) {
        this(leases, clock, name, every, min(every, Duration.ofSeconds(15)), job);
    }

    public LeasedSchedule(JobLease leases, Clock clock, String name, Duration every, Duration heartbeat, Job job) {
        if (name.length() > 64 || every.isNegative() || every.isZero() || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("job name up to 64 characters, positive period and heartbeat");
        }
        this.leases = leases;
        this.clock = clock;
        this.name = name;
        this.every = every;
        this.heartbeat = heartbeat;
        this.ttl = heartbeat.multipliedBy(3);
        this.job = job;
    }

    /** Starts the heartbeats on a daemon thread of its own. */
    public synchronized LeasedSchedule start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "job-" + name);
                t.setDaemon(true);
                return t;
            });
            scheduler.scheduleWithFixedDelay(this::heartbeatSafely, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void heartbeatSafely() {
        try {
            runIfDue();
        } catch (RuntimeException e) {
            LOG.warn("Job {}: lease check failed, will retry: {}", name, e.getMessage());
        }
    }

    /** One heartbeat: takes or renews the lease, and runs the job here if this instance holds it and it is due. */
    public boolean runIfDue() {
        if (!leases.acquire(name, ttl)) {
            return false;
        }
        long lastRun = leases.lease(name).map(LeaseRow::lastRunAt).orElse(0L);
        if (clock.millis() - lastRun < every.toMillis()) {
            return false;
        }
        long[] renewedAt = {clock.millis()};
        Lease lease = () -> {
            if (clock.millis() - renewedAt[0] < heartbeat.toMillis()) {
                return true;
            }
            renewedAt[0] = clock.millis();
            return leases.acquire(name, ttl);
        };
        try {
            job.run(lease);
        } catch (Exception e) {
            // Counted as a run all the same: a failing job retries next period, not every heartbeat.
            LOG.warn("Job {} failed", name, e);
        }
        leases.recordRun(name);
        return true;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            try {
                leases.release(name);
            } catch (RuntimeException e) {
                LOG.debug("Job {}: lease not released (it will expire): {}", name, e.getMessage());
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }
}
