package livesurvey.web;

import io.javalin.http.Context;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses cross-site writes to /api: a browser always sends Origin (or at least Referer) with a
 * cross-site POST, PUT or DELETE, and it must name this host. Bearer-token requests carry no ambient
 * credential, so they are exempt; so are clients that send neither header (curl, scripts), which no
 * cross-site page can make a browser do. SameSite cookies are the second line.
 */
public final class CsrfGuard {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private CsrfGuard() {
    }

    public static void check(Context ctx) {
        if (SAFE.contains(ctx.method().name()) || !ctx.path().startsWith("/api/")) {
            return;
        }
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        String origin = ctx.header("Origin");
        String source = origin != null ? origin : ctx.header("Referer");
        if (source == null) {
            return;
        }
        if (!sameHost(source, ctx.header("Host"))) {
            throw new ApiException(403, "Cross-site request refused: the Origin does not match this site.");
        }
    }

    private static boolean sameHost(String source, String host) {
        if (host == null || source.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(source.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return normalise(authority, uri.getScheme()).equals(normalise(host, uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** host[:port] in lower case, without the scheme's default port. */
    private static String normalise(String authority, String scheme) {
        String a = authority.trim().toLowerCase(Locale.ROOT);
        String defaultPort = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return a.endsWith(defaultPort) ? a.substring(0, a.length() - defaultPort.length()) : a;
    }
}
