package livesurvey.web;

import io.javalin.http.Context;

/**
 * Headers on every response, pages, API and static files alike. Scripts only from this origin (the
 * pages are ES modules; no inline script or handler attribute runs), no framing, no sniffing.
 */
public final class SecurityHeaders {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final boolean production;

    public SecurityHeaders(boolean production) {
        this.production = production;
    }

    /** A before handler for every path. */
    public void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (production) {
            // Production runs behind HTTPS (its cookies are Secure); tell browsers to stay there.
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
        if (ctx.path().startsWith("/api/")) {
            // Answers and admin data must not linger in shared or browser caches; a handler that wants
            // revalidation (the survey definition's ETag) replaces this.
            ctx.header("Cache-Control", "no-store");
        }
    }
}
