package livesurvey.web;

import io.javalin.http.Context;

/**
 * The request body cap. Javalin enforces it while reading a body (chunked ones too); this also
 * refuses a declared oversized body before any handler runs, and says so in JSON.
 */
public final class BodyLimit {
    public static final long MAX_BYTES = 64 * 1024;

    private BodyLimit() {
    }

    /** A before handler: a Content-Length over the cap is refused without reading the body. */
    public static void check(Context ctx) {
        String length = ctx.header("Content-Length");
        if (length != null && !length.isBlank()) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new ApiException(400, "Content-Length is not a number");
            }
            if (declared > MAX_BYTES) {
                throw tooLargeError();
            }
        }
    }

    /** The reply when Javalin stops reading a body at the cap. */
    public static void tooLarge(Context ctx) {
        ApiException e = tooLargeError();
        ErrorMapping.respond(ctx, e.status(), e.getMessage(), null, null);
    }

    private static ApiException tooLargeError() {
        return new ApiException(413, "Request body too large: at most " + MAX_BYTES / 1024 + " KiB");
    }
}
