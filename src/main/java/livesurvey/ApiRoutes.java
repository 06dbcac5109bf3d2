package livesurvey;

import io.javalin.http.HandlerType;
import livesurvey.admin.AdminHandler;
import livesurvey.admin.LoginBody;
import livesurvey.dashboard.AdminResponsesHandler;
import livesurvey.dashboard.Page;
import livesurvey.dashboard.Row;
import livesurvey.dashboard.Summary;
import livesurvey.live.EventsHandler;
import livesurvey.privacy.Erased;
import livesurvey.privacy.PrivacyHandler;
import livesurvey.privacy.RespondentExport;
import livesurvey.privacy.RespondentQuery;
import livesurvey.live.SyncHandler;
import livesurvey.live.SyncPage;
import livesurvey.response.AnswerBody;
import livesurvey.response.AnswerResult;
import livesurvey.response.RespondentHandler;
import livesurvey.response.RespondentState;
import livesurvey.response.StepResult;
import livesurvey.retention.RetentionBody;
import livesurvey.retention.RetentionHandler;
import livesurvey.retention.RetentionPolicy;
import livesurvey.survey.SurveyAdminHandler;
import livesurvey.survey.SurveyDefinition;
import livesurvey.survey.SurveyHandler;
import livesurvey.web.Access;
import livesurvey.web.ApiRoute;
import livesurvey.trends.TrendSeries;
import livesurvey.trends.TrendsHandler;
import livesurvey.webhook.Delivery;
import livesurvey.webhook.Endpoint;
import livesurvey.webhook.WebhookBody;
import livesurvey.webhook.WebhookHandler;

import java.util.List;

/** The route table: what Javalin serves under /api and what /openapi.json says of it, from one list. */
final class ApiRoutes {
    private ApiRoutes() {
    }

    /** The API: every route the server answers under /api, and what the API document says of it. */
    static List<ApiRoute> table(SurveyHandler surveys, SurveyAdminHandler surveyAdmin, RespondentHandler respondent,
                                AdminHandler admin, AdminResponsesHandler dashboard, EventsHandler events,
                                SyncHandler sync, PrivacyHandler privacy, RetentionHandler retention) {
        String survey = "/api/surveys/{slug}";
        String me = survey + "/responses/me";
        String one = survey + "/responses/{id}";
        // The respondent's /responses/me routes come before the admin's /responses/{id}: first match wins.
        // GET of a definition comes before the routes that accept one: the document's Question schema
        // is the one a definition is served with.
        return List.of(
                ApiRoute.of(HandlerType.GET, "/api/surveys", surveyAdmin::list, Access.ADMIN,
                        "Every survey with its status, counts and last activity")
                        .returns(SurveyAdminHandler.Listed[].class),
                ApiRoute.of(HandlerType.GET, survey, surveys::definition, Access.PUBLIC,
                        "The survey definition: steps, questions, options and rules (ETag)").returns(SurveyDefinition.class),
                ApiRoute.of(HandlerType.POST, "/api/surveys", surveyAdmin::create, Access.ADMIN,
                        "Create a survey from a definition (the shape GET /api/surveys/{slug} returns; derived "
                                + "fields ignored); 422 with one error per JSON path").accepts(SurveyDefinition.class)
                        .returns(SurveyDefinition.class).status(201).errors(409, 422),
                ApiRoute.of(HandlerType.PUT, survey, surveyAdmin::replace, Access.ADMIN,
                        "Replace the definition (a new revision; answers stay with their questions); 409 when the "
                                + "change would corrupt stored answers").accepts(SurveyDefinition.class)
                        .returns(SurveyDefinition.class).errors(409, 422),
                ApiRoute.of(HandlerType.PATCH, survey, surveyAdmin::patch, Access.ADMIN,
                        "Open or close the survey: {\"status\": \"open\"} or {\"status\": \"closed\"}")
                        .accepts(SurveyAdminHandler.StatusBody.class).returns(SurveyDefinition.class).errors(422),
                ApiRoute.of(HandlerType.DELETE, survey, surveyAdmin::delete, Access.ADMIN,
                        "Delete the survey with its responses, answers, counters and feed rows").status(204),
                ApiRoute.of(HandlerType.POST, survey + "/responses", respondent::start, Access.RESPONDENT,
                        "Start a response, or resume this browser's; sets the respondent cookie").returns(RespondentState.class)
                        .limitedBy(ApiRoute.RateLimit.START),
                ApiRoute.of(HandlerType.GET, me, respondent::state, Access.RESPONDENT,
                        "This browser's response: current step, answers, completed").returns(RespondentState.class),
                ApiRoute.of(HandlerType.PUT, me + "/answers/{key}", respondent::answer, Access.RESPONDENT,
                        "Store one answer, even when invalid, and say whether it is valid").returns(AnswerResult.class)
                        .accepts(AnswerBody.class).errors(409).limitedBy(ApiRoute.RateLimit.ANSWER),
                ApiRoute.of(HandlerType.POST, me + "/steps/{n}", respondent::validateStep, Access.RESPONDENT,
                        "Validate step n: the next step, or 422 with an error per field").returns(StepResult.class)
                        .errors(409, 422),
                ApiRoute.of(HandlerType.POST, me + "/complete", respondent::complete, Access.RESPONDENT,
                        "Validate every answer and mark the response completed (idempotent)").returns(RespondentState.class)
                        .errors(422),
                ApiRoute.of(HandlerType.DELETE, me, respondent::reset, Access.RESPONDENT,
                        "Reset & retry: forget this browser's identity; the stored response stays").status(204),
                ApiRoute.of(HandlerType.POST, me + "/erase", respondent::erase, Access.RESPONDENT,
                        "Delete my answers: erase this browser's response and everything stored with it "
                                + "(unlike reset, nothing stays); clears the cookie").status(204),
                ApiRoute.of(HandlerType.POST, "/api/login", admin::login, Access.PUBLIC,
                        "Log in as an admin: sets the ls_admin session cookie").returns(AdminHandler.LoggedIn.class)
                        .accepts(LoginBody.class).errors(401).limitedBy(ApiRoute.RateLimit.LOGIN),
                ApiRoute.of(HandlerType.POST, "/api/logout", admin::logout, Access.PUBLIC,
                        "Log out: deletes the session and clears the cookie").status(204),
                ApiRoute.of(HandlerType.GET, survey + "/responses", sync.stamped(dashboard::list), Access.ADMIN,
                        "A page of responses: sort, dir, limit, cursor, filter=key:value; with the total")
                        .returns(Page.class).query("sort", "string", "started (default), updated, completed or a question key")
                        .query("dir", "string", "desc (default) or asc").query("limit", "integer", "1 to 200, default 25")
                        .query("cursor", "string", "nextCursor or prevCursor of a previous page")
                        .query("filter", "string", "key:value on a choice question, e.g. gender:female"),
                ApiRoute.of(HandlerType.GET, one, dashboard::one, Access.ADMIN, "One response").returns(Row.class),
                ApiRoute.of(HandlerType.DELETE, one, dashboard::delete, Access.ADMIN,
                        "Delete a response with its answers").status(204),
                ApiRoute.of(HandlerType.GET, survey + "/summary", dashboard::summary, Access.ADMIN,
                        "Count, completed, one value per summary the definition names (the default survey: "
                                + "averageAge, genders, topColours), last updated")
                        .returns(Summary.class),
                ApiRoute.of(HandlerType.GET, survey + "/export.csv", sync.stamped(dashboard::exportCsv), Access.ADMIN,
                        "Every response as CSV, streamed; the LiveSurvey-Cursor header is the sync cursor it corresponds to").produces("text/csv"),
                ApiRoute.of(HandlerType.GET, survey + "/export.json", sync.stamped(dashboard::exportJson), Access.ADMIN,
                        "Every response as a JSON array of rows, streamed; the LiveSurvey-Cursor header is the sync "
                                + "cursor it corresponds to").returns(Row[].class),
                ApiRoute.of(HandlerType.POST, survey + "/respondents/export", privacy::export, Access.ADMIN,
                        "Everything stored about the respondents who gave an answer (e.g. an email; case and outer "
                                + "spaces ignored), as JSON: a subject access request").accepts(RespondentQuery.class)
                        .returns(RespondentExport.class).errors(422),
                ApiRoute.of(HandlerType.POST, survey + "/respondents/erase", privacy::erase, Access.ADMIN,
                        "Erase every response that gave an answer (e.g. an email): answers, unique claims and "
                                + "counts, gone from every dashboard").accepts(RespondentQuery.class)
                        .returns(Erased.class).errors(422),
                ApiRoute.of(HandlerType.GET, survey + "/retention", retention::get, Access.ADMIN,
                        "How long responses are kept: days (null: until deleted), where that comes from, and the "
                                + "sentence the dashboard shows").returns(RetentionPolicy.class),
                ApiRoute.of(HandlerType.PUT, survey + "/retention", retention::put, Access.ADMIN,
                        "Set the survey's retention: responses started more than days ago are deleted hourly; "
                                + "null for the configured default").accepts(RetentionBody.class)
                        .returns(RetentionPolicy.class),
                ApiRoute.of(HandlerType.GET, survey + "/events", events, Access.ADMIN,
                        "Live changes as Server-Sent Events: response (a Row), deleted ({id}), summary; "
                                + "resumes after Last-Event-ID").produces("text/event-stream"),
                ApiRoute.of(HandlerType.GET, survey + "/changes", sync::changes, Access.ADMIN,
                        "Sync: responses created, changed or deleted after a cursor, oldest first, each as it is now; "
                                + "keep calling with nextCursor (empty items: caught up). 410 when the cursor is older "
                                + "than the feed keeps: export, then sync from the export's LiveSurvey-Cursor")
                        .returns(SyncPage.class)
                        .query("after", "string", "nextCursor of the previous call, or an export's LiveSurvey-Cursor")
                        .query("limit", "integer", "changes to read, 1 to 1000, default 100").errors(410));
    }

    /**
     * Getting responses out (issue 11): trends, and a survey's webhook endpoints (register, list,
     * change, delete, delivery log, test event).
     */
    static List<ApiRoute> insights(WebhookHandler webhooks, TrendsHandler trends) {
        String all = "/api/surveys/{slug}/webhooks";
        String one = all + "/{id}";
        return List.of(
                ApiRoute.of(HandlerType.GET, "/api/surveys/{slug}/trends", trends::trends, Access.ADMIN,
                        "Responses started and completed per hour or per day (UTC), every bucket of the range")
                        .returns(TrendSeries.class)
                        .query("bucket", "string", "hour (default) or day")
                        .query("from", "string", "ISO-8601 time or date; default: 48 hours or 90 days before to")
                        .query("to", "string", "ISO-8601 time or date; default: now"),
                ApiRoute.of(HandlerType.POST, all, webhooks::create, Access.ADMIN,
                        "Register a webhook endpoint: {url, events}; the reply carries its signing secret, shown only once")
                        .accepts(WebhookBody.class).returns(Endpoint.class).status(201).errors(409, 422),
                ApiRoute.of(HandlerType.GET, all, webhooks::list, Access.ADMIN,
                        "The survey's webhook endpoints (without their secrets)").returns(Endpoint[].class),
                ApiRoute.of(HandlerType.GET, one, webhooks::one, Access.ADMIN, "One webhook endpoint")
                        .returns(Endpoint.class),
                ApiRoute.of(HandlerType.PATCH, one, webhooks::update, Access.ADMIN,
                        "Change an endpoint's url, events or enabled; enabling resumes its paused deliveries")
                        .accepts(WebhookBody.class).returns(Endpoint.class).errors(422),
                ApiRoute.of(HandlerType.DELETE, one, webhooks::delete, Access.ADMIN,
                        "Delete an endpoint and its delivery log").status(204),
                ApiRoute.of(HandlerType.GET, one + "/deliveries", webhooks::deliveries, Access.ADMIN,
                        "The endpoint's latest 50 deliveries: status, attempts, last error, next try")
                        .returns(Delivery[].class),
                ApiRoute.of(HandlerType.POST, one + "/test", webhooks::test, Access.ADMIN,
                        "Queue a webhook.test event for this endpoint").returns(Delivery.class).status(202).errors(409));
    }
}
