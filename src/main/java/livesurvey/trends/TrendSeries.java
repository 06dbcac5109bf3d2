package livesurvey.trends;

import java.time.Instant;
import java.util.List;

/** Responses started and completed per bucket, oldest first, every bucket of the range present. */
public record TrendSeries(String bucket, List<Point> points) {

    /** One bucket: {@code at} is its start (UTC). */
    public record Point(Instant at, long started, long completed) {
    }
}
