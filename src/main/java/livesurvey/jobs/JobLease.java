package livesurvey.jobs;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Leases on named jobs in the shared database, so a job runs on one instance at a time.
 *
 * <p>A lease is a row (job name, owner, expiry). It is taken or renewed by one conditional
 * UPDATE — "set me as owner where I am the owner or the lease has expired" — which the database
 * serialises on the row lock, so of two instances racing for an expired lease exactly one gets
 * an update count of 1 (H2, MySQL and MariaDB alike; Connector/J counts matched rows). The
 * expiry is compared with this instance's clock: instances sharing a database should keep their
 * clocks in sync (NTP) to well within the lease's time to live.
 */
public final class JobLease {
    private final JobLeaseDao dao;
    private final Clock clock;
    private final String owner;

    /** One per instance; owner names this instance in the table (process id and a random part). */
    public JobLease(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    JobLease(Jdbi jdbi, Clock clock, String owner) {
        this.dao = jdbi.onDemand(JobLeaseDao.class);
        this.clock = clock;
        this.owner = owner;
    }

    /** This instance's name as a lease owner. */
    public String owner() {
        return owner;
    }

    /** Takes the job's lease, or renews it, for ttl from now. True when this instance holds it. */
    public boolean acquire(String job, Duration ttl) {
        long now = clock.millis();
        long until = now + ttl.toMillis();
        if (dao.takeOrRenew(job, owner, now, until) == 1) {
            return true;
        }
        if (dao.find(job).isPresent()) {
            return false;
        }
        try {
            dao.create(job, owner, until);
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (isDuplicateKey(e)) {
                return false; // another instance created it a moment before us: it holds the job
            }
            throw e;
        }
    }

    /** Whether this instance holds the job's lease right now (one read; no renewal). */
    public boolean holds(String job) {
        return dao.find(job).filter(r -> r.owner().equals(owner) && r.expiresAt() >= clock.millis()).isPresent();
    }

    /** Records that the job has just run here (only while this instance still holds it). */
    public boolean recordRun(String job) {
        return dao.ran(job, owner, clock.millis()) == 1;
    }

    /** Gives the lease up now, if this instance holds it. */
    public void release(String job) {
        dao.release(job, owner);
    }

    /** The stored lease of a job, for tests and operators. */
    public Optional<LeaseRow> lease(String job) {
        return dao.find(job);
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
