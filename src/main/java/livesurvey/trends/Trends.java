package livesurvey.trends;

import livesurvey.survey.Survey;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads trends and the funnel from their counters: a few rows per bucket, whatever the number of responses. */
public final class Trends {
    private final TrendDao dao;
    private final Clock clock;

    public Trends(Jdbi jdbi, Clock clock) {
        this.dao = jdbi.onDemand(TrendDao.class);
        this.clock = clock;
    }

    /** The range a request asks for, in buckets; null ends mean the default (the last 48 hours or 90 days). */
    public record Range(Bucket bucket, Instant from, Instant to) {
    }

    /** Every bucket from the one holding {@code from} to the one holding {@code to}, zero where nothing happened. */
    public TrendSeries series(Survey survey, Range range) {
        Bucket bucket = range.bucket();
        long last = bucket.start(range.to() == null ? clock.millis() : range.to().toEpochMilli());
        long first = range.from() == null ? last - (bucket.defaultPoints - 1L) * bucket.millis
                : bucket.start(range.from().toEpochMilli());
        if (first > last) {
            throw new IllegalArgumentException("from must not be after to");
        }
        if ((last - first) / bucket.millis + 1 > Bucket.MAX_POINTS) {
            throw new IllegalArgumentException("At most " + Bucket.MAX_POINTS + " " + bucket + "s in one request");
        }
        Map<Long, long[]> counts = new HashMap<>();
        for (TrendDao.BucketCount c : dao.buckets(survey.id(), bucket.name(), first, last)) {
            long[] pair = counts.computeIfAbsent(c.bucketStart(), k -> new long[2]);
            pair[c.item().equals(TrendCounters.STARTED) ? 0 : 1] += c.amount();
        }
        List<TrendSeries.Point> points = new ArrayList<>();
        for (long at = first; at <= last; at += bucket.millis) {
            long[] pair = counts.getOrDefault(at, new long[2]);
            points.add(new TrendSeries.Point(Instant.ofEpochMilli(at), pair[0], pair[1]));
        }
        return new TrendSeries(bucket.name(), points);
    }

    /** The funnel of a survey, given its completed count (from the summary's counters). */
    public Funnel funnel(Survey survey, long completed) {
        Map<Integer, Long> reached = new HashMap<>();
        dao.reached(survey.id()).forEach(s -> reached.put(s.step(), s.amount()));
        List<Funnel.Step> steps = new ArrayList<>();
        for (int step = 1; step <= survey.stepCount(); step++) {
            steps.add(new Funnel.Step(step, reached.getOrDefault(step, 0L)));
        }
        return new Funnel(steps, completed);
    }
}
