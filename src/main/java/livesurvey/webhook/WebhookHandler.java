package livesurvey.webhook;

import io.javalin.http.Context;
import livesurvey.survey.SurveyHandler;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

/** The webhook endpoints of a survey, over HTTP. */
public final class WebhookHandler {
    private final SurveyHandler surveys;
    private final Webhooks webhooks;

    public WebhookHandler(SurveyHandler surveys, Webhooks webhooks) {
        this.surveys = surveys;
        this.webhooks = webhooks;
    }

    public void create(Context ctx) {
        var survey = surveys.survey(ctx);
        ctx.status(201).json(webhooks.create(survey, WebhookBody.parse(Json.objectBody(ctx), false)));
    }

    public void list(Context ctx) {
        ctx.json(webhooks.list(surveys.survey(ctx)));
    }

    public void one(Context ctx) {
        ctx.json(webhooks.one(surveys.survey(ctx), id(ctx)));
    }

    public void update(Context ctx) {
        var survey = surveys.survey(ctx);
        ctx.json(webhooks.update(survey, id(ctx), WebhookBody.parse(Json.objectBody(ctx), true)));
    }

    public void delete(Context ctx) {
        webhooks.delete(surveys.survey(ctx), id(ctx));
        ctx.status(204);
    }

    public void deliveries(Context ctx) {
        ctx.json(webhooks.deliveries(surveys.survey(ctx), id(ctx)));
    }

    public void test(Context ctx) {
        ctx.status(202).json(webhooks.sendTest(surveys.survey(ctx), id(ctx)));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No such webhook endpoint: ids are whole numbers");
        }
    }
}
