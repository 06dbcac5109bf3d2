package livesurvey.survey;

import io.javalin.http.Context;
import livesurvey.web.ApiException;

import java.util.regex.Pattern;

/** GET /api/surveys/{slug}: the definition, revalidated by ETag (bytes and tag computed once per revision). */
public final class SurveyHandler {
    static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private final SurveyCatalog catalog;

    public SurveyHandler(SurveyCatalog catalog) {
        this.catalog = catalog;
    }

    public void definition(Context ctx) {
        SurveyCatalog.Published published = published(ctx);
        ctx.header("ETag", published.etag()).header("Cache-Control", "no-cache");
        if (published.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(published.body());
    }

    /** The survey named by the {slug} path parameter, or 404. */
    public Survey survey(Context ctx) {
        return published(ctx).survey();
    }

    /** The survey named by {slug}, or 404; 409 when it is closed to new answers. */
    public Survey openSurvey(Context ctx) {
        Survey survey = survey(ctx);
        if (survey.closed()) {
            throw new ApiException(409, "This survey is closed and no longer takes responses.");
        }
        return survey;
    }

    private SurveyCatalog.Published published(Context ctx) {
        String slug = ctx.pathParam("slug");
        if (!SLUG.matcher(slug).matches()) {
            throw ApiException.notFound("Unknown survey: slugs are lower-case letters, digits and dashes");
        }
        return catalog.published(slug).orElseThrow(() -> ApiException.notFound("Unknown survey '" + slug + "'"));
    }
}
