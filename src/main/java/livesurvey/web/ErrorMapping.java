package livesurvey.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import livesurvey.DatabaseRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to a JSON error on /api and to a plain page elsewhere; never a stack trace. */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);
    /** How long a client should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "2";

    private ErrorMapping() {
    }

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 503) {
                ctx.header("Retry-After", RETRY_AFTER_SECONDS);
            }
            respond(ctx, e.status(), e.getMessage(), e.field(), e.details());
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), e.getMessage(), null, null));
        config.routes.exception(Exception.class, (e, ctx) -> {
            // Down, or still conflicting after the owner's retries: the client retries later, never a 500.
            if (DatabaseRetry.isUnavailable(e)) {
                LOG.warn("Database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", RETRY_AFTER_SECONDS);
                respond(ctx, 503, "The database is unavailable; please retry shortly.", null, null);
            } else {
                LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
                respond(ctx, 500, "Internal server error", null, null);
            }
        });
        config.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "Not found: " + ctx.path(), null, null);
            }
        });
        config.routes.error(405, ctx -> respond(ctx, 405, "Method not allowed", null, null));
    }

    public static void respond(Context ctx, int status, String message, String field, Object details) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/") || ctx.path().equals("/api")) {
            ctx.json(new ApiError(message, field, details));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(status + " " + message);
        }
    }
}
