package livesurvey.survey;

import io.javalin.http.Context;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** GET /api/surveys/{slug}: the definition, revalidated by ETag. */
public final class SurveyHandler {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private final SurveyCatalog catalog;

    public SurveyHandler(SurveyCatalog catalog) {
        this.catalog = catalog;
    }

    public void definition(Context ctx) throws Exception {
        byte[] body = Json.MAPPER.writeValueAsBytes(SurveyDefinition.of(survey(ctx)));
        String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16) + "\"";
        ctx.header("ETag", etag).header("Cache-Control", "no-cache");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json").result(body);
    }

    /** The survey named by the {slug} path parameter, or 404. */
    public Survey survey(Context ctx) {
        String slug = ctx.pathParam("slug");
        if (!SLUG.matcher(slug).matches()) {
            throw ApiException.notFound("Unknown survey: slugs are lower-case letters, digits and dashes");
        }
        return catalog.find(slug).orElseThrow(() -> ApiException.notFound("Unknown survey '" + slug + "'"));
    }

}
