package livesurvey.dashboard;

import java.time.Instant;

/** The latest activity on any response of the survey. */
final class LastUpdated implements SummaryValue<Instant> {
    @Override
    public Instant compute(Tally tally) {
        return tally.lastUpdated() == null ? null : Instant.ofEpochMilli(tally.lastUpdated());
    }
}
