package livesurvey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The dashboard's calls, as an admin's browser makes them. */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final String cookie;

    AdminClient(String base) throws Exception {
        this.base = base;
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                        + ServerProcess.ADMIN_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        this.cookie = login.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new IllegalStateException("login answered " + login.statusCode())).split(";")[0];
    }

    String cookie() {
        return cookie;
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
