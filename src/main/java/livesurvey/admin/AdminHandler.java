package livesurvey.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import livesurvey.web.Access;
import livesurvey.web.ApiException;
import livesurvey.web.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Login, logout, and the gate in front of every {@link Access#ADMIN} route. */
public final class AdminHandler {
    public static final String COOKIE = "ls_admin";
    static final String PRINCIPAL = "livesurvey.admin";
    static final String NOT_LOGGED_IN = "Log in as an admin first.";
    static final String WRONG = "Wrong username or password.";

    private final AdminAuth auth;
    private final boolean secureCookies;

    public AdminHandler(AdminAuth auth, boolean secureCookies) {
        this.auth = auth;
        this.secureCookies = secureCookies;
    }

    /** Lets admins through; others get 401 JSON on /api paths and a redirect to the login page elsewhere. */
    public void gate(Context ctx) {
        if (!ctx.routeRoles().contains(Access.ADMIN)) {
            return;
        }
        Optional<AdminAuth.Principal> who = principal(ctx);
        if (who.isPresent()) {
            ctx.attribute(PRINCIPAL, who.get());
            return;
        }
        if (ctx.path().startsWith("/api/")) {
            throw new ApiException(401, NOT_LOGGED_IN);
        }
        ctx.redirect("/login?next=" + URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8), HttpStatus.FOUND);
        ctx.skipRemainingHandlers();
    }

    public void login(Context ctx) {
        JsonNode body = Json.objectBody(ctx);
        String username = text(body, "username");
        String password = text(body, "password");
        String token = auth.login(username, password).orElseThrow(() -> new ApiException(401, WRONG));
        ctx.cookie(cookie(token, -1));
        ctx.json(new LoggedIn(username));
    }

    public void logout(Context ctx) {
        auth.logout(ctx.cookie(COOKIE));
        ctx.cookie(cookie("", 0));
        ctx.status(204);
    }

    /** The reply to a successful login. */
    public record LoggedIn(String username) {
    }

    /** A bearer token when one is sent (and only then), else the session cookie. */
    private Optional<AdminAuth.Principal> principal(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                    ? auth.apiToken(authorization.substring(7).strip()) : Optional.empty();
        }
        return auth.session(ctx.cookie(COOKIE));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual() || node.textValue().isEmpty()) {
            throw new ApiException(400, "Send {\"username\": \"…\", \"password\": \"…\"}", field, null);
        }
        if (node.textValue().length() > 200) {
            throw new ApiException(401, WRONG);
        }
        return node.textValue();
    }

    /** Path=/ so the pages and the API share it; SameSite=Strict keeps other sites from riding on it. */
    private Cookie cookie(String value, int maxAge) {
        return new Cookie(COOKIE, value, "/", maxAge, secureCookies, true, null, SameSite.STRICT);
    }
}
