package livesurvey.live;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Gathers changed responses per survey and flushes them at most once per interval: the first
 * change after a quiet spell goes out at once, later ones wait for the next flush, which carries
 * every response changed since the last — one message per survey per interval, whatever the
 * typing rate, and the rows are read and serialised once per flush, not per keystroke.
 */
final class Coalescer {
    /** Runs a task after a delay (a scheduler in production, a list in tests). */
    @FunctionalInterface
    interface Timer {
        void after(long delayMillis, Runnable task);
    }

    /** Receives a survey's changed responses, with the feed position taken before they were gathered. */
    @FunctionalInterface
    interface Flush {
        void flush(long surveyId, Set<Long> responseIds, long position);
    }

    private static final class Pending {
        Set<Long> ids = new LinkedHashSet<>();
        boolean scheduled;
        long lastFlush = Long.MIN_VALUE / 2;
    }

    private final long everyMillis;
    private final LongSupplier clock;
    private final LongSupplier position;
    private final Timer timer;
    private final Flush flush;
    private final Map<Long, Pending> surveys = new HashMap<>();

    Coalescer(Duration every, LongSupplier clock, LongSupplier position, Timer timer, Flush flush) {
        this.everyMillis = every.toMillis();
        this.clock = clock;
        this.position = position;
        this.timer = timer;
        this.flush = flush;
    }

    void add(long surveyId, Collection<Long> responseIds) {
        long delay;
        synchronized (this) {
            Pending p = surveys.computeIfAbsent(surveyId, id -> new Pending());
            p.ids.addAll(responseIds);
            if (p.scheduled) {
                return;
            }
            p.scheduled = true;
            delay = Math.max(0, p.lastFlush + everyMillis - clock.getAsLong());
        }
        timer.after(delay, () -> run(surveyId));
    }

    private void run(long surveyId) {
        // The position first: every id it covers was added before it was marked, so is in this set or an earlier one.
        long at = position.getAsLong();
        Set<Long> ids;
        synchronized (this) {
            Pending p = surveys.get(surveyId);
            ids = p.ids;
            p.ids = new LinkedHashSet<>();
            p.scheduled = false;
            p.lastFlush = clock.getAsLong();
        }
        if (!ids.isEmpty()) {
            flush.flush(surveyId, ids, at);
        }
    }
}
