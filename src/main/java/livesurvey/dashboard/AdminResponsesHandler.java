package livesurvey.dashboard;

import io.javalin.http.Context;
import livesurvey.survey.Survey;
import livesurvey.survey.SurveyHandler;
import livesurvey.web.ApiException;

/** The admin API of SPEC §3: list, one, delete, summary and the exports of a survey's responses. */
public final class AdminResponsesHandler {
    private final SurveyHandler surveys;
    private final ResponseList list;
    private final RowBuilder rows;
    private final Deletion deletion;
    private final Summariser summariser;
    private final Exporter exporter;

    public AdminResponsesHandler(SurveyHandler surveys, ResponseList list, RowBuilder rows,
                                 Deletion deletion, Summariser summariser, Exporter exporter) {
        this.surveys = surveys;
        this.list = list;
        this.rows = rows;
        this.deletion = deletion;
        this.summariser = summariser;
        this.exporter = exporter;
    }

    public void list(Context ctx) {
        Survey survey = surveys.survey(ctx);
        ctx.json(list.page(survey, new ResponseList.Request(ctx.queryParam("sort"), ctx.queryParam("dir"),
                ctx.queryParam("limit"), ctx.queryParam("cursor"), ctx.queryParam("filter"))));
    }

    public void one(Context ctx) {
        Survey survey = surveys.survey(ctx);
        ctx.json(rows.row(survey, id(ctx)).orElseThrow(() -> ApiException.notFound("No such response")));
    }

    public void delete(Context ctx) {
        Survey survey = surveys.survey(ctx);
        if (!deletion.delete(survey, id(ctx))) {
            throw ApiException.notFound("No such response");
        }
        ctx.status(204);
    }

    public void summary(Context ctx) {
        ctx.json(summariser.summary(surveys.survey(ctx)));
    }

    public void exportCsv(Context ctx) throws Exception {
        Survey survey = surveys.survey(ctx);
        download(ctx, "text/csv; charset=utf-8", survey.slug() + "-responses.csv");
        exporter.csv(survey, ctx.outputStream());
    }

    public void exportJson(Context ctx) throws Exception {
        Survey survey = surveys.survey(ctx);
        download(ctx, "application/json", survey.slug() + "-responses.json");
        exporter.json(survey, ctx.outputStream());
    }

    private static void download(Context ctx, String type, String filename) {
        ctx.contentType(type).header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-store");
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No such response: ids are whole numbers");
        }
    }
}
