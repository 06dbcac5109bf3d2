package livesurvey.retention;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyHandler;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

/** GET and PUT a survey's retention period. */
public final class RetentionHandler {
    private final SurveyHandler surveys;
    private final Retention retention;

    public RetentionHandler(SurveyHandler surveys, Retention retention) {
        this.surveys = surveys;
        this.retention = retention;
    }

    public void get(Context ctx) {
        ctx.json(retention.policy(surveys.survey(ctx)));
    }

    public void put(Context ctx) {
        Survey survey = surveys.survey(ctx);
        JsonNode body = Json.objectBody(ctx);
        JsonNode days = body.get("days");
        if (days == null || !(days.isNull() || days.canConvertToInt() && days.isIntegralNumber())
                || days.isIntegralNumber() && (days.asInt() < 1 || days.asInt() > Retention.MAX_DAYS)) {
            throw new ApiException(400, "Send {\"days\": n} with n from 1 to " + Retention.MAX_DAYS
                    + ", or {\"days\": null} for the configured default", "days", null);
        }
        ctx.json(retention.set(survey, days.isNull() ? null : days.asInt()));
    }
}
