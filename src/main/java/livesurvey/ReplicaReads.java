package livesurvey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Connections for the dashboard's reads (table pages, exports, summaries): from the replica
 * (DATABASE_READ_URL) when it is up and has caught up with this instance, else from the primary.
 *
 * <p>"Caught up" is checked on each connection handed out: the replica's newest change-feed id must
 * be at least the position this instance's follower has reached on the primary. So a dashboard
 * never reads older data from the replica than the live events it was just sent. A replica that
 * fails is left alone for a few seconds, so a dead one does not cost a connect timeout per read.
 */
final class ReplicaReads implements DataSource {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaReads.class);
    private static final long RETRY_DOWN_AFTER_NANOS = 5_000_000_000L;

    private final DataSource primary;
    private final DataSource replica;
    private final LongSupplier position;
    private final AtomicLong downUntil = new AtomicLong(); // 0: not down
    private volatile String lastState = "";

    ReplicaReads(DataSource primary, DataSource replica, LongSupplier position) {
        this.primary = primary;
        this.replica = replica;
        this.position = position;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = replicaIfCurrent();
        return c != null ? c : primary.getConnection();
    }

    private Connection replicaIfCurrent() {
        long until = downUntil.get();
        if (until != 0 && System.nanoTime() - until < 0) {
            return null;
        }
        Connection c = null;
        try {
            c = replica.getConnection();
            long newest;
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COALESCE(MAX(id), 0) FROM changes")) {
                rs.next();
                newest = rs.getLong(1);
            }
            if (newest >= position.getAsLong()) {
                state("current");
                return c;
            }
            state("behind");
            c.close();
            return null;
        } catch (SQLException | RuntimeException e) {
            state("down (" + Database.rootMessage(e) + ")");
            downUntil.set(System.nanoTime() + RETRY_DOWN_AFTER_NANOS);
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // it failed already; the pool replaces it
                }
            }
            return null;
        }
    }

    /** Logs each change of the replica's state once, not once per read. */
    private void state(String now) {
        if (!now.equals(lastState)) {
            lastState = now;
            LOG.info("Read replica is {}: dashboard reads go to the {}", now, now.equals("current") ? "replica" : "primary");
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return primary.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        primary.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        primary.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return primary.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return primary.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return primary.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return primary.isWrapperFor(iface);
    }
}
