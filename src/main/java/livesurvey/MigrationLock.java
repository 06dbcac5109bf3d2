package livesurvey;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One instance at a time runs the migrations, across every node of the database.
 *
 * <p>Flyway's own lock is {@code GET_LOCK} on MySQL/MariaDB, which Galera does not replicate: two
 * instances starting together on two nodes both migrate, and one fails on "table already exists".
 * This lock is a row, and rows do replicate: an instance inserts row 1, and a second insert, on any
 * node, fails on the key (or, when both race, Galera's certification refuses one with a deadlock).
 * The holder refreshes a heartbeat while it migrates; a row whose heartbeat stopped (its instance
 * died) is taken over. The others wait, then take their turn and find nothing left to apply.
 */
final class MigrationLock {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
    static final String TABLE = "migration_lock";

    private final Jdbi jdbi;
    private final String holder;
    private final Duration staleAfter;
    private final Duration maxWait;

    MigrationLock(DataSource dataSource, Duration staleAfter, Duration maxWait) {
        this.jdbi = Jdbi.create(dataSource);
        String who = ManagementFactory.getRuntimeMXBean().getName() + " " + UUID.randomUUID();
        this.holder = who.substring(0, Math.min(who.length(), 100));
        this.staleAfter = staleAfter;
        this.maxWait = maxWait;
    }

    /** Runs the migrations holding the lock, waiting for it while another instance holds it. */
    void runExclusively(Runnable migrations) {
        // DDL is applied in the same order on every Galera node, so racing creators are harmless.
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                + " (id INT NOT NULL PRIMARY KEY, holder VARCHAR(100) NOT NULL, heartbeat_at TIMESTAMP NOT NULL)"));
        acquire();
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, staleAfter.toMillis() / 4);
        heartbeat.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        try {
            migrations.run();
        } finally {
            heartbeat.shutdownNow();
            release();
        }
    }

    private void acquire() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        boolean told = false;
        while (!tryInsert() && !tryTakeOverStale()) {
            if (System.nanoTime() > deadline) {
                throw new StartupException("Waited " + maxWait.toSeconds() + " s for another instance to finish "
                        + "the database migrations (row 1 of " + TABLE + ")");
            }
            if (!told) {
                LOG.info("Another instance is applying the database migrations; waiting for it");
                told = true;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private boolean tryInsert() {
        return took(() -> jdbi.withHandle(h -> h.createUpdate("INSERT INTO " + TABLE
                + " (id, holder, heartbeat_at) VALUES (1, :holder, CURRENT_TIMESTAMP)").bind("holder", holder).execute()));
    }

    /** The holder's heartbeat stopped: it died mid-way. Its successor finds out what it left from Flyway. */
    private boolean tryTakeOverStale() {
        return took(() -> jdbi.withHandle(h -> h.createUpdate("UPDATE " + TABLE
                        + " SET holder = :holder, heartbeat_at = CURRENT_TIMESTAMP WHERE id = 1"
                        + " AND heartbeat_at < TIMESTAMPADD(SECOND, :stale, CURRENT_TIMESTAMP)")
                .bind("holder", holder).bind("stale", -staleAfter.toSeconds()).execute()));
    }

    private void beat() {
        try {
            jdbi.useHandle(h -> h.createUpdate("UPDATE " + TABLE + " SET heartbeat_at = CURRENT_TIMESTAMP"
                    + " WHERE id = 1 AND holder = :holder").bind("holder", holder).execute());
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh the migration lock: {}", Database.rootMessage(e));
        }
    }

    private void release() {
        try {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM " + TABLE + " WHERE id = 1 AND holder = :holder")
                    .bind("holder", holder).execute());
        } catch (RuntimeException e) {
            LOG.warn("Could not release the migration lock (others take it over after {} s): {}",
                    staleAfter.toSeconds(), Database.rootMessage(e));
        }
    }

    /** True when the statement took the lock; false when another holder won (key clash, certification). */
    private static boolean took(java.util.function.IntSupplier statement) {
        try {
            return statement.getAsInt() == 1;
        } catch (RuntimeException e) {
            if (isContention(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isContention(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("23") || sql.getSQLState().equals("40001")
                    || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("Interrupted while waiting for the migration lock", e);
        }
    }
}
