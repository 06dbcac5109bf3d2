package livesurvey.trends;

import org.jdbi.v3.core.Handle;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Keeps the trend and funnel counters in step with the responses, inside the transaction of the
 * change (like the summary's counters): a start counts in its hour and day and reaches step 1, a
 * NEXT reaches the steps it moves on to, a completion counts in its hour and day and reaches every
 * step, a deletion takes back all it had added. Keystrokes never touch them.
 */
public final class TrendCounters {
    static final String STARTED = "started";
    static final String COMPLETED = "completed";
    /** Rows per counter, so concurrent starts in one hour do not queue on one row lock. */
    static final int SLOTS = 8;

    private TrendCounters() {
    }

    public static void started(Handle h, long surveyId, long startedAt) {
        int slot = slot();
        count(h, surveyId, STARTED, startedAt, slot, 1);
        h.attach(TrendDao.class).addReached(surveyId, 1, slot, 1);
    }

    /** A response moved on from {@code fromStep} to {@code toStep}: it reached the steps in between. */
    public static void advanced(Handle h, long surveyId, int fromStep, int toStep) {
        reach(h.attach(TrendDao.class), surveyId, fromStep + 1, toStep, 1);
    }

    /** A response at {@code currentStep} completed: it counts as completed now and as having reached every step. */
    public static void completed(Handle h, long surveyId, int currentStep, long completedAt) {
        TrendDao dao = h.attach(TrendDao.class);
        count(h, surveyId, COMPLETED, completedAt, slot(), 1);
        reach(dao, surveyId, currentStep + 1, dao.stepCount(surveyId), 1);
    }

    /** Takes a deleted response back out of every counter it was in. */
    public static void deleted(Handle h, long surveyId, long startedAt, Long completedAt, int currentStep) {
        TrendDao dao = h.attach(TrendDao.class);
        int slot = slot();
        count(h, surveyId, STARTED, startedAt, slot, -1);
        int reached = currentStep;
        if (completedAt != null) {
            count(h, surveyId, COMPLETED, completedAt, slot, -1);
            reached = Math.max(currentStep, dao.stepCount(surveyId));
        }
        reach(dao, surveyId, 1, reached, -1);
    }

    private static void count(Handle h, long surveyId, String item, long at, int slot, long delta) {
        TrendDao dao = h.attach(TrendDao.class);
        for (Bucket bucket : Bucket.values()) {
            dao.addTrend(surveyId, bucket.name(), bucket.start(at), item, slot, delta);
        }
    }

    private static void reach(TrendDao dao, long surveyId, int fromStep, int toStep, long delta) {
        int slot = slot();
        for (int step = Math.max(fromStep, 1); step <= toStep; step++) {
            dao.addReached(surveyId, step, slot, delta);
        }
    }

    private static int slot() {
        return ThreadLocalRandom.current().nextInt(SLOTS);
    }
}
