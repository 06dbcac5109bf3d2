package livesurvey.live;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.sse.SseHandler;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyHandler;

/** GET /api/surveys/{slug}/events: the survey's live changes as Server-Sent Events. */
public final class EventsHandler implements Handler {
    private final SurveyHandler surveys;
    private final LiveHub hub;

    public EventsHandler(SurveyHandler surveys, LiveHub hub) {
        this.surveys = surveys;
        this.hub = hub;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Survey survey = surveys.survey(ctx);
        // The browser's own reconnects send the header; the dashboard's restarts the query parameter.
        String header = ctx.header("Last-Event-ID");
        Long lastEventId = parse(header != null ? header : ctx.queryParam("lastEventId"));
        ctx.header("X-Accel-Buffering", "no");
        new SseHandler(client -> hub.join(survey, client, lastEventId)).handle(ctx);
    }

    private static Long parse(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.trim());
            return id >= 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
