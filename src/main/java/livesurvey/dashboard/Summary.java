package livesurvey.dashboard;

import livesurvey.trends.Funnel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's summary: counts over all responses, the rest over completed ones; the funnel says
 * how many responses reached each step.
 */
public record Summary(long count, long completed, BigDecimal averageAge, List<OptionCount> genders,
                      List<OptionCount> topColours, Instant lastUpdated, Funnel funnel) {
}
