package livesurvey.live;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import livesurvey.survey.SurveyHandler;

/** GET /api/surveys/{slug}/changes, and the LiveSurvey-Cursor header on the reads a sync starts from. */
public final class SyncHandler {
    public static final String CURSOR_HEADER = "LiveSurvey-Cursor";

    private final SurveyHandler surveys;
    private final ChangeSync sync;

    public SyncHandler(SurveyHandler surveys, ChangeSync sync) {
        this.surveys = surveys;
        this.sync = sync;
    }

    public void changes(Context ctx) {
        ctx.json(sync.page(surveys.survey(ctx), ctx.queryParam("after"), ctx.queryParam("limit")));
    }

    /** The handler, its reply stamped with the cursor taken before it reads: sync from there to catch up. */
    public Handler stamped(Handler handler) {
        return ctx -> {
            ctx.header(CURSOR_HEADER, sync.cursor());
            handler.handle(ctx);
        };
    }
}
