package livesurvey;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import livesurvey.web.Json;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** An admin using the admin API: logs in (session cookie) or uses a bearer token. */
public final class Admin {
    private final HttpClient client;
    private final String survey;
    private String cookie;
    private String bearer;

    public Admin(HttpClient client, String slug) {
        this.client = client;
        this.survey = "/api/surveys/" + slug;
    }

    public Admin(HttpClient client) {
        this(client, "default");
    }

    /** An admin already logged in as {@code admin} with the test password. */
    public static Admin loggedIn(HttpClient client) {
        Admin admin = new Admin(client);
        Response r = admin.login("admin", Backend.ADMIN_PASSWORD);
        if (r.code() != 200) {
            throw new AssertionError("Admin login failed: " + r.code() + " " + r.body().string());
        }
        return admin;
    }

    public Response login(String username, String password) {
        Response r = send("POST", "/api/login", json(Map.of("username", username, "password", password)));
        cookie = setCookie(r).map(c -> c.substring(0, c.indexOf(';'))).orElse(cookie);
        return r;
    }

    public Response logout() {
        return send("POST", "/api/logout", null);
    }

    /** The Set-Cookie header for ls_admin, if the reply had one. */
    public static java.util.Optional<String> setCookie(Response r) {
        return java.util.Optional.ofNullable(r.headers().get("Set-Cookie")).orElse(List.of()).stream()
                .filter(c -> c.startsWith("ls_admin=")).findFirst();
    }

    public Response list(String query) {
        return get(survey + "/responses" + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /** A page by its parameters, e.g. page("sort", "age", "dir", "asc"); null values are left out. */
    public JsonNode page(String... params) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < params.length; i += 2) {
            if (params[i + 1] != null) {
                query.append(query.isEmpty() ? "" : "&").append(params[i]).append('=')
                        .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
            }
        }
        Response r = list(query.toString());
        if (r.code() != 200) {
            throw new AssertionError("GET responses?" + query + " gave " + r.code() + ": " + r.body().string());
        }
        return TestJson.parse(r);
    }

    public Response response(long id) {
        return get(survey + "/responses/" + id);
    }

    public Response delete(long id) {
        return send("DELETE", survey + "/responses/" + id, null);
    }

    /** Deletes every response of the survey through the API, so a test starts from an empty one. */
    public void deleteAll() {
        for (JsonNode page = page("limit", "200"); page.get("items").size() > 0; page = page("limit", "200")) {
            for (JsonNode r : page.get("items")) {
                Response deleted = delete(r.get("id").asLong());
                if (deleted.code() != 204) {
                    throw new AssertionError("DELETE response " + r.get("id") + " gave " + deleted.code());
                }
            }
        }
    }

    public JsonNode summary() {
        Response r = get(survey + "/summary");
        if (r.code() != 200) {
            throw new AssertionError("GET summary gave " + r.code() + ": " + r.body().string());
        }
        return TestJson.parse(r);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public String cookie() {
        return cookie;
    }

    public void useCookie(String cookie) {
        this.cookie = cookie;
    }

    public void useBearer(String token) {
        this.bearer = token;
    }

    public Response send(String method, String path, String body) {
        return client.request(path, b -> {
            var publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            switch (method) {
                case "GET" -> b.get();
                case "POST" -> b.post(publisher);
                case "PUT" -> b.put(publisher);
                case "DELETE" -> b.delete(publisher);
                case "PATCH" -> b.patch(publisher);
                default -> throw new IllegalArgumentException(method);
            }
        });
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
