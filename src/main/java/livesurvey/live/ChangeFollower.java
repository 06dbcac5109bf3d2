package livesurvey.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import livesurvey.Database;
import livesurvey.SqlLists;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Follows the change feed of the shared database, so every instance hears of every change.
 *
 * <p>The bookkeeping of out-of-order commits is {@link Watermark}'s. Each round reads what is
 * new and what is still missing, hands it to the listeners, and only then marks it delivered:
 * if a listener throws, the same changes are offered again next round (listeners must tolerate
 * a repeat: they get current rows, not deltas); after {@value #ATTEMPTS} failed rounds they are
 * marked all the same and the listeners are reset. Whenever a change may have been missed the
 * listeners get {@link Listener#onReset} and the log says why.
 */
public final class ChangeFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
    static final int BATCH = 2_000;
    static final int ATTEMPTS = 3;
    /**
     * Every group commit nudges: under load that was a poll (two queries) per commit, and the
     * follower cost as much CPU as the writers. Polls stay this far apart; an idle follower that is
     * nudged still polls at once.
     */
    static final Duration MIN_GAP = Duration.ofMillis(20);

    /** Receives each batch of newly committed changes, in id order within the batch. */
    @FunctionalInterface
    public interface Listener {
        void onChanges(List<Change> changes, long position);

        /** Something may have been missed: whatever the listener shows must be rebuilt from the database. */
        default void onReset(String reason) {
        }
    }

    private final ChangeDao dao;
    private final DataSource connections;
    private final Clock clock;
    private final Duration pollEvery;
    private final Watermark.Limits limits;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Object wake = new Object();
    private volatile Watermark watermark;
    private volatile boolean running;
    private boolean healthy = true;
    private boolean nudged;
    private int failedRounds;
    private Thread thread;

    /**
     * @param gapTimeout how long to wait for an id to commit before moving past it
     * @param inFlight   how many feed ids one instance can have uncommitted at once: its writers ×
     *                   rows per batch, plus its other connections (headroom is added for 8 instances)
     */
    public ChangeFollower(Database database, Clock clock, Duration pollEvery, Duration gapTimeout, int inFlight) {
        this(database, clock, pollEvery, Watermark.Limits.forWriters(1, inFlight, 0, 8, gapTimeout));
    }

    ChangeFollower(Database database, Clock clock, Duration pollEvery, Watermark.Limits limits) {
        this.dao = database.jdbi().onDemand(ChangeDao.class);
        this.connections = database.dataSource();
        this.clock = clock;
        this.pollEvery = pollEvery;
        this.limits = limits;
        this.watermark = new Watermark(0, limits);
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Starts following from about the newest change: what happened before is not news. */
    public synchronized void start() {
        if (running) {
            return;
        }
        // Near the newest change, not at it: ids below the newest may belong to transactions still
        // in flight (on any instance). Starting a window below tracks them as gaps; the committed
        // ones in the window are delivered again, which is harmless (listeners get current rows).
        // Ids below the oldest kept were pruned, not in flight.
        long newest = dao.newest().orElse(0L);
        long oldest = dao.oldest().orElse(newest + 1);
        watermark = new Watermark(Math.max(oldest - 1, newest - limits.maxGaps()), limits);
        running = true;
        thread = new Thread(this::run, "change-follower");
        thread.setDaemon(true);
        thread.start();
    }

    /** Tests: start exactly at the newest change. */
    void skipHistory() {
        watermark = new Watermark(dao.newest().orElse(0L), limits);
    }

    /** Polls at once instead of at the next tick: this instance has just committed a change. */
    public void nudge() {
        synchronized (wake) {
            nudged = true;
            wake.notifyAll();
        }
    }

    /** Every change up to here has been delivered (or given up on): safe to resume after. */
    public long position() {
        return watermark.position();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
                if (!healthy) {
                    LOG.info("Change feed readable again");
                    healthy = true;
                }
                pause(pollEvery);
            } catch (RuntimeException e) {
                if (healthy) {
                    LOG.warn("Change feed unreadable, retrying: {}", e.getMessage());
                    healthy = false;
                }
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** One round: read what is new and what was missing, deliver it, then mark it delivered. */
    void pollOnce() {
        Watermark w = watermark;
        List<Change> news = w.news(read(w.highest(), w.watched()));
        if (!news.isEmpty() && !deliver(news, w.position())) {
            return;
        }
        long now = clock.millis();
        Watermark.Marked marked = w.delivered(news.stream().map(Change::id).toList(), now);
        if (!marked.late().isEmpty()) {
            reannounce(news, marked.late(), now);
        }
        Watermark.Advanced advanced = w.advance(now);
        if (advanced.givenUp() > 0) {
            LOG.debug("Change feed: gave up waiting for {} ids (rolled back, or still to commit): {}", advanced.givenUp(), w);
        }
        if (advanced.possiblyMissed()) {
            reset("more change-feed ids missing than can be tracked: some changes may have been missed (" + w + ")");
        }
    }

    /**
     * The changes above {@code after}, and those among the watched ids (gaps that may have
     * committed since), on one connection in plain JDBC. The poll runs tens of times a second under
     * load: two calls through JDBI's on-demand SqlObjects (a handle, a configuration copy and
     * reflective method dispatch each) cost the follower nearly as much CPU as the writers spent
     * storing the answers it reads.
     */
    private List<Change> read(long after, List<Long> watched) {
        List<Change> read = new ArrayList<>();
        try (Connection connection = connections.getConnection()) {
            if (!watched.isEmpty()) {
                try (PreparedStatement byIds = connection.prepareStatement(
                        "SELECT id, survey_id, response_id, kind FROM changes WHERE id IN ("
                                + SqlLists.placeholders(watched.size()) + ")")) {
                    SqlLists.bindLongs(byIds, 1, watched);
                    readInto(byIds, read);
                }
            }
            try (PreparedStatement newer = connection.prepareStatement(
                    "SELECT id, survey_id, response_id, kind FROM changes WHERE id > ? ORDER BY id LIMIT ?")) {
                newer.setLong(1, after);
                newer.setInt(2, BATCH);
                readInto(newer, read);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
        return read;
    }

    private static void readInto(PreparedStatement query, List<Change> out) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                out.add(new Change(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
            }
        }
    }

    /** True when every listener took the batch, or when it has failed too often to keep trying. */
    private boolean deliver(List<Change> news, long position) {
        RuntimeException failure = null;
        for (Listener listener : listeners) {
            try {
                listener.onChanges(news, position);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure == null) {
            failedRounds = 0;
            return true;
        }
        if (++failedRounds < ATTEMPTS) {
            LOG.warn("Change listener failed; the changes will be offered again", failure);
            return false;
        }
        failedRounds = 0;
        reset("a change listener failed " + ATTEMPTS + " times on the same changes: " + failure);
        return true;
    }

    /**
     * Ids the watermark had passed committed after all: tell the listeners (done), and record the
     * changes again under new ids, so readers that resume from a position (dashboards replaying
     * Last-Event-ID, sync clients) see them too. A repeated change is harmless: readers fetch current rows.
     */
    private void reannounce(List<Change> news, List<Long> lateIds, long now) {
        LOG.warn("Change feed: {} change(s) committed after the gap timeout; announcing them again", lateIds.size());
        for (Change c : news) {
            if (lateIds.contains(c.id())) {
                dao.record(c.surveyId(), c.responseId(), c.kind(), now);
            }
        }
    }

    private void reset(String reason) {
        LOG.warn("Resetting live readers: {}", reason);
        for (Listener listener : listeners) {
            try {
                listener.onReset(reason);
            } catch (RuntimeException e) {
                LOG.warn("Change listener failed to reset", e);
            }
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(MIN_GAP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        synchronized (wake) {
            if (!nudged && running) {
                try {
                    wake.wait(Math.max(1, d.minus(MIN_GAP).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            nudged = false;
        }
    }

    @Override
    public void close() {
        running = false;
        nudge();
        if (thread != null) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
