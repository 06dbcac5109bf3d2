package livesurvey.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLTransientConnectionException;

/** Maps every failure to a JSON error on /api and to a plain page elsewhere; never a stack trace. */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    public static void install(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) ->
                respond(ctx, e.status(), e.getMessage(), e.field(), e.details()));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), e.getMessage(), null, null));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (isDatabaseDown(e)) {
                LOG.warn("Database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "2");
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

    private static boolean isDatabaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
