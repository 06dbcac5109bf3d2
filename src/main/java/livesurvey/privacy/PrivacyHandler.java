package livesurvey.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyHandler;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

/** The admin's side of respondents' rights: export and erase everything about a respondent. */
public final class PrivacyHandler {
    private static final int MAX_VALUE = 2000;

    private final SurveyHandler surveys;
    private final RespondentData data;

    public PrivacyHandler(SurveyHandler surveys, RespondentData data) {
        this.surveys = surveys;
        this.data = data;
    }

    public void export(Context ctx) {
        Survey survey = surveys.survey(ctx);
        RespondentExport export = data.export(survey, query(ctx));
        ctx.header("Content-Disposition", "attachment; filename=\"" + survey.slug() + "-respondent.json\"");
        ctx.json(export);
    }

    public void erase(Context ctx) {
        Survey survey = surveys.survey(ctx);
        ctx.json(data.erase(survey, query(ctx)));
    }

    private static RespondentQuery query(Context ctx) {
        JsonNode body = Json.objectBody(ctx);
        return new RespondentQuery(text(body, "key"), text(body, "value"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.textValue().isBlank()) {
            throw new ApiException(400, "Send {\"key\": \"email\", \"value\": \"…\"}: the question and the answer "
                    + "to look for", field, null);
        }
        if (node.textValue().length() > MAX_VALUE) {
            throw new ApiException(400, field + " is longer than any stored answer", field, null);
        }
        return node.textValue();
    }
}
