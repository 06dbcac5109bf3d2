package livesurvey;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.web.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An answer acknowledged with 2xx survives a kill -9 of the server (SPEC §6). */
class CrashDurabilityTest extends DatabaseTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void every_acknowledged_answer_survives_kill_minus_nine(@TempDir Path dir) throws Exception {
        String url = db.config().isH2()
                ? "jdbc:h2:file:" + dir.resolve("crash") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0"
                : db.config().databaseUrl();
        int port = freePort();
        Process server = startServer(url, port);
        String base = "http://127.0.0.1:" + port + "/api/surveys/default";
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cookies.add(start(base));
        }
        // Written by the typists, read by the test thread: an array whose elements are safely published.
        AtomicIntegerArray lastAcked = new AtomicIntegerArray(cookies.size());
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService typists = Executors.newFixedThreadPool(cookies.size());
        List<Future<?>> running = new ArrayList<>();
        for (int r = 0; r < cookies.size(); r++) {
            int who = r;
            running.add(typists.submit(() -> {
                for (int n = 1; n <= 100_000 && !killed.get(); n++) {
                    try {
                        if (put(base, cookies.get(who), "typed " + n) == 200) {
                            lastAcked.set(who, n);
                        }
                    } catch (IOException e) {
                        return null;
                    }
                }
                return null;
            }));
        }
        await("answers acknowledged before the kill").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .until(() -> minimum(lastAcked) >= 50);
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        killed.set(true);
        for (Future<?> f : running) {
            f.get(30, TimeUnit.SECONDS);
        }
        typists.shutdown();
        assertTrue(minimum(lastAcked) >= 50, "the typists got answers acknowledged before the kill");

        Process restarted = startServer(url, port);
        try {
            for (int r = 0; r < cookies.size(); r++) {
                String stored = state(base, cookies.get(r)).at("/answers/about/value").asText();
                int storedNumber = Integer.parseInt(stored.substring("typed ".length()));
                // An answer in flight at the kill may or may not have committed; an acknowledged one must have.
                assertTrue(storedNumber >= lastAcked.get(r),
                        "respondent " + r + " was acknowledged 'typed " + lastAcked.get(r) + "' but the database has '" + stored + "'");
                assertTrue(storedNumber <= lastAcked.get(r) + 1, "nothing appears that was never sent");
            }
        } finally {
            restarted.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startServer(String url, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "livesurvey.App");
        Map<String, String> env = builder.environment();
        env.put("PORT", Integer.toString(port));
        env.put("DATABASE_URL", url);
        env.put("DATABASE_USER", db.config().databaseUser());
        env.put("DATABASE_PASSWORD", db.config().databasePassword());
        env.put("LIVESURVEY_RATE_LIMITS", "off");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        try {
            await("the server to start").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        assertTrue(process.isAlive(), "the server process exited during start-up");
                        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/surveys/default")).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    });
            return process;
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static String start(String base) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/responses"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static int put(String base, String cookie, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/responses/me/answers/about"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("value", value))))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode state(String base, String cookie) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/responses/me"))
                .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static int minimum(AtomicIntegerArray values) {
        int min = Integer.MAX_VALUE;
        for (int i = 0; i < values.length(); i++) {
            min = Math.min(min, values.get(i));
        }
        return min;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
