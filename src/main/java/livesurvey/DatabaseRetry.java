package livesurvey;

import org.jdbi.v3.core.ConnectionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs one database transaction again when it failed for a reason a retry can cure: a deadlock, a
 * lock-wait timeout, a Galera certification conflict or a node not ready yet, a dropped connection.
 * Bounded (a few tries within a time budget) and jittered, so writers that collided do not collide
 * again in step. The component that owns the transaction calls it; nothing retries a part of one.
 */
public final class DatabaseRetry {
    /** About six tries, 20 ms doubling to 500 ms apart, never past ten seconds. */
    public static final DatabaseRetry STANDARD =
            new DatabaseRetry(6, Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(10));

    private final int tries;
    private final long firstPauseMillis;
    private final long maxPauseMillis;
    private final long budgetMillis;

    public DatabaseRetry(int tries, Duration firstPause, Duration maxPause, Duration budget) {
        this.tries = tries;
        this.firstPauseMillis = firstPause.toMillis();
        this.maxPauseMillis = maxPause.toMillis();
        this.budgetMillis = budget.toMillis();
    }

    /** The work's result; the last error when it keeps failing, or at once when retrying cannot help. */
    public <T> T call(Supplier<T> work) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                long pause = pause(attempt);
                long spent = (System.nanoTime() - started) / 1_000_000;
                if (attempt >= tries || !isRetryable(e) || spent + pause > budgetMillis) {
                    throw e;
                }
                sleep(pause);
            }
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    private long pause(int attempt) {
        long ceiling = Math.min(maxPauseMillis, firstPauseMillis << Math.min(attempt - 1, 20));
        // "Equal jitter": at least half the step, so a retry never comes back at once.
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a transaction", e);
        }
    }

    /**
     * Worth another try: a conflict between transactions, or a connection that broke. Not the
     * pool's own time-out: that already waited seconds for a connection, the database is down.
     */
    public static boolean isRetryable(Throwable e) {
        return !poolTimedOut(e) && (isConflict(e) || isConnectionLost(e));
    }

    /** The database cannot serve now, whatever the request: the API answers 503 with Retry-After. */
    public static boolean isUnavailable(Throwable e) {
        return poolTimedOut(e) || isConflict(e) || isConnectionLost(e);
    }

    /**
     * Deadlock or serialization failure (40001, MySQL 1213), lock-wait timeout (1205, H2 HYT00/90131),
     * or two Galera nodes handing out the same AUTO_INCREMENT id (a 1062 on a single-number primary
     * key: the cluster runs with wsrep_auto_increment_control off so the change feed has no gaps).
     */
    static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                int code = sql.getErrorCode();
                if (state.equals("40001") || code == 1213 || code == 1205 || state.equals("HYT00")
                        || code == 90131 || code == 50200 || isIdCollision(sql)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A connection that broke or could not be made (SQLSTATE 08…), or Galera's 1047 "WSREP has not yet prepared node". */
    static boolean isConnectionLost(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && ((sql.getSQLState() != null && sql.getSQLState().startsWith("08"))
                    || sql.getErrorCode() == 1047)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern ID_COLLISION =
            java.util.regex.Pattern.compile("Duplicate entry '\\d+' for key '(\\w+\\.)?PRIMARY'");

    private static boolean isIdCollision(SQLException sql) {
        return sql.getErrorCode() == 1062 && sql.getMessage() != null && ID_COLLISION.matcher(sql.getMessage()).find();
    }

    private static boolean poolTimedOut(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
