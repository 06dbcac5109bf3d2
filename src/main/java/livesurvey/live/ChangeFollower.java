package livesurvey.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Follows the change feed of the shared database, so every instance hears of every change.
 *
 * <p>Feed ids are handed out at insert, not at commit: id 41 can commit after id 42. So the
 * follower keeps a watermark below which everything has been delivered, remembers what it has
 * seen above it, and re-reads the missing ids until they commit or, after a timeout, are taken
 * to be rolled back. A change is delivered once, whenever it commits.
 */
public final class ChangeFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);
    static final int BATCH = 2_000;
    static final int MAX_MISSING = 1_000;

    /** Receives each batch of newly committed changes, in id order within the batch. */
    @FunctionalInterface
    public interface Listener {
        void onChanges(List<Change> changes, long position);
    }

    private final ChangeDao dao;
    private final Clock clock;
    private final Duration pollEvery;
    private final Duration gapTimeout;
    private final Duration keepFor;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final TreeMap<Long, Long> seenAt = new TreeMap<>();
    private final Object wake = new Object();
    private volatile boolean running;
    private boolean healthy = true;
    private volatile long watermark;
    private boolean nudged;
    private long lastPrune;
    private Thread thread;

    public ChangeFollower(ChangeDao dao, Clock clock, Duration pollEvery, Duration gapTimeout, Duration keepFor) {
        this.dao = dao;
        this.clock = clock;
        this.pollEvery = pollEvery;
        this.gapTimeout = gapTimeout;
        this.keepFor = keepFor;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Starts following from the newest change: what happened before is not news. */
    public synchronized void start() {
        if (running) {
            return;
        }
        skipHistory();
        running = true;
        thread = new Thread(this::run, "change-follower");
        thread.setDaemon(true);
        thread.start();
    }

    void skipHistory() {
        watermark = dao.newest().orElse(0L);
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
        return watermark;
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
                pruneNowAndThen();
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

    /** One round: read what is new and what was missing, deliver it, move the watermark. */
    void pollOnce() {
        long from = seenAt.isEmpty() ? watermark : seenAt.lastKey();
        List<Change> fresh = new ArrayList<>(refill(from));
        for (Change c : dao.after(from, BATCH)) {
            if (!seenAt.containsKey(c.id())) {
                fresh.add(c);
            }
        }
        long now = clock.millis();
        fresh.sort(Comparator.comparingLong(Change::id));
        fresh.forEach(c -> seenAt.put(c.id(), now));
        advance(now);
        if (!fresh.isEmpty()) {
            for (Listener listener : listeners) {
                try {
                    listener.onChanges(fresh, watermark);
                } catch (RuntimeException e) {
                    LOG.warn("Change listener failed", e);
                }
            }
        }
    }

    /** Ids between the watermark and what has been seen that have not been seen: commits still in flight. */
    private List<Change> refill(long upTo) {
        List<Long> missing = new ArrayList<>();
        for (long id = watermark + 1; id < upTo && missing.size() <= MAX_MISSING; id++) {
            if (!seenAt.containsKey(id)) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        if (missing.size() > MAX_MISSING) {
            // More holes than transactions can be open at once: an id jump, not commits in flight.
            giveUpBelow(upTo);
            return List.of();
        }
        return dao.byIds(missing);
    }

    private void advance(long now) {
        while (!seenAt.isEmpty()) {
            long first = seenAt.firstKey();
            if (first == watermark + 1 || now - seenAt.get(first) > gapTimeout.toMillis()) {
                watermark = first;
                seenAt.remove(first);
            } else {
                break;
            }
        }
    }

    private void giveUpBelow(long id) {
        while (!seenAt.isEmpty() && seenAt.firstKey() < id) {
            seenAt.remove(seenAt.firstKey());
        }
        watermark = Math.max(watermark, id - 1);
    }

    private void pruneNowAndThen() {
        long now = clock.millis();
        if (now - lastPrune < 60_000) {
            return;
        }
        lastPrune = now;
        while (dao.prune(now - keepFor.toMillis(), 10_000) == 10_000) {
            Thread.onSpinWait();
        }
    }

    private void pause(Duration d) {
        synchronized (wake) {
            if (!nudged && running) {
                try {
                    wake.wait(d.toMillis());
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
