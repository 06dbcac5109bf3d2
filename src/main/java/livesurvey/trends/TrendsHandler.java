package livesurvey.trends;

import io.javalin.http.Context;
import livesurvey.survey.SurveyHandler;
import livesurvey.web.ApiException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** GET /api/surveys/{slug}/trends?bucket=hour|day&from=&to= */
public final class TrendsHandler {
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private final SurveyHandler surveys;
    private final Trends trends;

    public TrendsHandler(SurveyHandler surveys, Trends trends) {
        this.surveys = surveys;
        this.trends = trends;
    }

    public void trends(Context ctx) {
        var survey = surveys.survey(ctx);
        String name = ctx.queryParam("bucket");
        Bucket bucket = name == null || name.isEmpty() ? Bucket.hour : Bucket.parse(name).orElseThrow(() ->
                new ApiException(400, "bucket must be hour or day", "bucket", null));
        var range = new Trends.Range(bucket, time(ctx, "from"), time(ctx, "to"));
        try {
            ctx.json(trends.series(survey, range));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage(), "from", null);
        }
    }

    /** An ISO-8601 instant (2026-11-29T10:00:00Z, or with an offset) or a date (a UTC day). */
    private static Instant time(Context ctx, String param) {
        String raw = ctx.queryParam(param);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Instant at = raw.length() == 10 ? LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(raw).toInstant();
            if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
                throw new ApiException(400, param + " must be between 1970 and 9999", param, null);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new ApiException(400, param + " must be an ISO-8601 time such as 2026-11-29T10:00:00Z or a date "
                    + "such as 2026-11-29", param, null);
        }
    }
}
