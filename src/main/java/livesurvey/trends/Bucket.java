package livesurvey.trends;

import java.time.Duration;
import java.util.Optional;

/** A trend's time bucket: an hour or a UTC day, and how far back the chart looks by default. */
public enum Bucket {
    hour(Duration.ofHours(1), 48),
    day(Duration.ofDays(1), 90);

    /** At most this many points in one reply (a year of hours). */
    static final int MAX_POINTS = 24 * 366;

    final long millis;
    final int defaultPoints;

    Bucket(Duration length, int defaultPoints) {
        this.millis = length.toMillis();
        this.defaultPoints = defaultPoints;
    }

    /** The first millisecond of the bucket holding {@code epochMillis}. */
    long start(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    static Optional<Bucket> parse(String name) {
        for (Bucket b : values()) {
            if (b.name().equals(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
