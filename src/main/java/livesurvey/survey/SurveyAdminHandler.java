package livesurvey.survey;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin's survey API: list, create, replace, open/close and delete surveys (issue 8). */
public final class SurveyAdminHandler {
    private final SurveyHandler surveys;
    private final SurveyEditor editor;
    private final SurveyList list;

    /** One survey in the admin's list. */
    public record Listed(String slug, String title, Survey.Status status, int revision, long responses,
                         long completed, Instant lastActivity) {
    }

    /** PATCH /api/surveys/{slug}. */
    public record StatusBody(Survey.Status status) {
    }

    public SurveyAdminHandler(SurveyHandler surveys, SurveyEditor editor, SurveyList list) {
        this.surveys = surveys;
        this.editor = editor;
        this.list = list;
    }

    public void list(Context ctx) {
        ctx.json(list.all());
    }

    public void create(Context ctx) {
        Survey created = editor.create(DefinitionReader.read(Json.objectBody(ctx)));
        ctx.status(201).header("Location", "/api/surveys/" + created.slug()).json(SurveyDefinition.of(created));
    }

    public void replace(Context ctx) {
        Survey survey = surveys.survey(ctx);
        ctx.json(SurveyDefinition.of(editor.replace(survey, DefinitionReader.read(Json.objectBody(ctx)))));
    }

    public void patch(Context ctx) {
        Survey survey = surveys.survey(ctx);
        JsonNode body = Json.objectBody(ctx);
        JsonNode status = body.get("status");
        boolean known = status != null && status.isTextual()
                && List.of("open", "closed").contains(status.textValue());
        if (!known || body.size() != 1) {
            throw new ApiException(422, "Send {\"status\": \"open\"} or {\"status\": \"closed\"}", "status",
                    Map.of("status", "open or closed"));
        }
        ctx.json(SurveyDefinition.of(editor.setStatus(survey, Survey.Status.valueOf(status.textValue()))));
    }

    public void delete(Context ctx) {
        editor.delete(surveys.survey(ctx));
        ctx.status(204);
    }
}
