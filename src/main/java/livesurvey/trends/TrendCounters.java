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

    /**
     * Rebuilds a survey's trend and funnel counters from its responses (one slot per counter), for
     * a database whose counters drifted; run inside a transaction, with no instance serving.
     */
    public static void recount(Handle h, long surveyId) {
        h.createUpdate("DELETE FROM trend_counters WHERE survey_id = :s").bind("s", surveyId).execute();
        h.createUpdate("DELETE FROM funnel_counters WHERE survey_id = :s").bind("s", surveyId).execute();
        for (Bucket bucket : Bucket.values()) {
            for (String item : new String[] {STARTED, COMPLETED}) {
                String column = item.equals(STARTED) ? "started_at" : "completed_at";
                String start = column + " - MOD(" + column + ", " + bucket.millis + ")";
                h.createUpdate("INSERT INTO trend_counters (survey_id, bucket, bucket_start, item, slot, amount) "
                                + "SELECT survey_id, :bucket, " + start + ", :item, 0, COUNT(*) FROM responses "
                                + "WHERE survey_id = :s AND " + column + " IS NOT NULL GROUP BY survey_id, " + start)
                        .bind("bucket", bucket.name()).bind("item", item).bind("s", surveyId).execute();
            }
        }
        h.createUpdate("""
                INSERT INTO funnel_counters (survey_id, step, slot, amount)
                SELECT r.survey_id, s.step, 0, COUNT(*)
                FROM responses r JOIN (SELECT DISTINCT survey_id, step FROM questions) s
                    ON s.survey_id = r.survey_id AND (r.current_step >= s.step OR r.completed_at IS NOT NULL)
                WHERE r.survey_id = :s
                GROUP BY r.survey_id, s.step
                """).bind("s", surveyId).execute();
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
