package livesurvey.response;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import livesurvey.survey.Question;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyHandler;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

/** The respondent API of SPEC §3; the cookie is the only identity it trusts. */
public final class RespondentHandler {
    static final String COOKIE = "ls_respondent";
    private static final int ONE_YEAR = 365 * 24 * 3600;

    private final SurveyHandler surveys;
    private final RespondentService service;
    private final boolean secureCookies;

    public RespondentHandler(SurveyHandler surveys, RespondentService service, boolean secureCookies) {
        this.surveys = surveys;
        this.service = service;
        this.secureCookies = secureCookies;
    }

    public void start(Context ctx) {
        Survey survey = surveys.openSurvey(ctx);
        RespondentService.Started started = service.startOrResume(survey, ctx.cookie(COOKIE));
        if (started.newToken() != null) {
            ctx.cookie(cookie(survey, started.newToken(), ONE_YEAR));
            ctx.status(201);
        }
        ctx.json(started.state());
    }

    public void state(Context ctx) {
        Survey survey = surveys.survey(ctx);
        ctx.json(service.state(survey, ctx.cookie(COOKIE)));
    }

    public void answer(Context ctx) {
        Survey survey = surveys.openSurvey(ctx);
        String key = ctx.pathParam("key");
        Question question = survey.question(key)
                .orElseThrow(() -> new ApiException(404, "Unknown question '" + key + "'", key, null));
        var value = AnswerInput.read(Json.objectBody(ctx), question);
        ctx.json(service.answer(survey, ctx.cookie(COOKIE), question, value));
    }

    public void validateStep(Context ctx) {
        Survey survey = surveys.openSurvey(ctx);
        int step;
        try {
            step = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("Steps are numbered 1 to " + survey.stepCount());
        }
        ctx.json(service.validateStep(survey, ctx.cookie(COOKIE), step));
    }

    public void complete(Context ctx) {
        Survey survey = surveys.openSurvey(ctx);
        ctx.json(service.complete(survey, ctx.cookie(COOKIE)));
    }

    public void reset(Context ctx) {
        Survey survey = surveys.survey(ctx);
        service.reset(survey, ctx.cookie(COOKIE));
        ctx.cookie(cookie(survey, "", 0));
        ctx.status(204);
    }

    /** "Delete my answers": erases this browser's response and clears the cookie. */
    public void erase(Context ctx) {
        Survey survey = surveys.survey(ctx);
        boolean erased = service.erase(survey, ctx.cookie(COOKIE));
        ctx.cookie(cookie(survey, "", 0));
        if (!erased) {
            throw ApiException.notFound("This browser has no response to delete.");
        }
        ctx.status(204);
    }

    private Cookie cookie(Survey survey, String value, int maxAge) {
        return new Cookie(COOKIE, value, "/api/surveys/" + survey.slug(), maxAge, secureCookies, true, null,
                SameSite.LAX);
    }
}
