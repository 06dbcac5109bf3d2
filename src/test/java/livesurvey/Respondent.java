package livesurvey;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.Response;
import livesurvey.web.Json;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;

/** One browser taking a survey through the respondent API, with its own cookie. */
public final class Respondent {
    private final HttpClient client;
    private final String survey;
    private String cookie;

    public Respondent(HttpClient client, String slug) {
        this.client = client;
        this.survey = "/api/surveys/" + slug;
    }

    public Respondent(HttpClient client) {
        this(client, "default");
    }

    public Response start() {
        Response r = send("POST", survey + "/responses", null);
        java.util.Optional.ofNullable(r.headers().get("Set-Cookie")).orElse(List.of()).stream().filter(c -> c.startsWith("ls_respondent="))
                .findFirst().ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return r;
    }

    public Response state() {
        return send("GET", survey + "/responses/me", null);
    }

    public Response answer(String key, Object value) {
        return send("PUT", survey + "/responses/me/answers/" + key, json(java.util.Map.of("value", value)));
    }

    public Response answerRaw(String key, String body, String contentType) {
        return client.request(survey + "/responses/me/answers/" + key, b -> {
            b.header("Content-Type", contentType).put(BodyPublishers.ofString(body));
            withCookie(b);
        });
    }

    public Response step(Object n) {
        return send("POST", survey + "/responses/me/steps/" + n, null);
    }

    public Response complete() {
        return send("POST", survey + "/responses/me/complete", null);
    }

    public Response reset() {
        return send("DELETE", survey + "/responses/me", null);
    }

    /** "Delete my answers": erases this browser's response. */
    public Response erase() {
        return send("POST", survey + "/responses/me/erase", null);
    }

    /** Answers every question validly, step by step, and completes. */
    public JsonNode completeWith(String name, String email, String age, String gender, List<String> colours) {
        start();
        answer("name", name);
        answer("email", email);
        step(1);
        answer("age", age);
        answer("about", "About " + name);
        step(2);
        if (gender != null) {
            answer("gender", gender);
        }
        step(3);
        answer("colours", colours);
        step(4);
        return TestJson.parse(complete());
    }

    public String cookie() {
        return cookie;
    }

    public void useCookie(String cookie) {
        this.cookie = cookie;
    }

    private Response send(String method, String path, String body) {
        return client.request(path, b -> {
            var publisher = body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body);
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            withCookie(b);
            switch (method) {
                case "GET" -> b.get();
                case "POST" -> b.post(publisher);
                case "PUT" -> b.put(publisher);
                case "DELETE" -> b.delete(publisher);
                default -> throw new IllegalArgumentException(method);
            }
        });
    }

    private void withCookie(io.javalin.testtools.Request.Builder b) {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
