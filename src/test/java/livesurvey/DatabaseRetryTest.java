package livesurvey;

import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which database errors are worth another try, and how many tries there are. */
class DatabaseRetryTest {
    private static final DatabaseRetry QUICK =
            new DatabaseRetry(6, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(10));

    private static RuntimeException failure(SQLException cause) {
        return new UnableToExecuteStatementException(cause, null);
    }

    @Test
    void deadlocks_lock_waits_galera_refusals_and_dropped_connections_are_retried() {
        for (SQLException transientError : new SQLException[] {
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213),
                new SQLException("Lock wait timeout exceeded", "HY000", 1205),
                new SQLException("WSREP has not yet prepared node for application use", "08S01", 1047),
                new SQLException("Communications link failure", "08S01", 0),
                new SQLException("Duplicate entry '4711' for key 'PRIMARY'", "23000", 1062),
                new SQLException("Deadlock detected", "40001", 40001)}) {
            AtomicInteger calls = new AtomicInteger();
            String result = QUICK.call(() -> {
                if (calls.incrementAndGet() < 3) {
                    throw failure(transientError);
                }
                return "stored";
            });
            assertEquals("stored", result, transientError.getMessage());
            assertEquals(3, calls.get(), transientError.getMessage());
            assertTrue(DatabaseRetry.isUnavailable(failure(transientError)), "503 if it keeps failing");
        }
    }

    @Test
    void an_error_a_retry_cannot_cure_fails_at_once() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException duplicate = failure(new SQLException(
                "Duplicate entry 'ann@example.org' for key 'uq_responses_token'", "23000", 1062));
        assertSame(duplicate, assertThrows(RuntimeException.class, () -> QUICK.call(() -> {
            calls.incrementAndGet();
            throw duplicate;
        })));
        assertEquals(1, calls.get());
        assertFalse(DatabaseRetry.isUnavailable(duplicate), "a bug is a 500, not a 503");
    }

    @Test
    void a_pool_that_timed_out_waiting_for_a_connection_is_not_retried_but_is_unavailable() {
        AtomicInteger calls = new AtomicInteger();
        RuntimeException down = new IllegalStateException(new SQLTransientConnectionException("request timed out"));
        assertThrows(RuntimeException.class, () -> QUICK.run(() -> {
            calls.incrementAndGet();
            throw down;
        }));
        assertEquals(1, calls.get());
        assertTrue(DatabaseRetry.isUnavailable(down));
    }

    @Test
    void tries_are_bounded() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> QUICK.run(() -> {
            calls.incrementAndGet();
            throw failure(new SQLException("Deadlock", "40001", 1213));
        }));
        assertEquals(6, calls.get());
    }
}
