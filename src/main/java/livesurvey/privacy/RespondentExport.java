package livesurvey.privacy;

import livesurvey.dashboard.Row;

import java.time.Instant;
import java.util.List;

/** Everything stored about the respondents who gave one answer: a subject access request's reply. */
public record RespondentExport(String survey, RespondentQuery matchedBy, Instant exportedAt, List<Row> responses,
                               String stored) {
}
