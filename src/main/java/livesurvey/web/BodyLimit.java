package livesurvey.web;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The request body cap. Javalin enforces it while reading a body (chunked ones too); this also
 * refuses a declared oversized body before any handler runs, and says so in JSON.
 */
public final class BodyLimit {
    public static final long MAX_BYTES = 64 * 1024;
    /** Up to this, a refused body is read and dropped first, so the client gets to read the 413. */
    static final long DRAIN_BYTES = 1024 * 1024;

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
                if (declared <= DRAIN_BYTES) {
                    drain(ctx);
                }
                throw tooLargeError();
            }
        }
    }

    /**
     * A server that answers before the body is in and closes the connection leaves a client still
     * sending with a reset instead of the answer; a modest body is cheaper to read than that.
     */
    private static void drain(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException ignored) {
            // the client went away; the 413 is still the answer
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
