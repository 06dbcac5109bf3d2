package livesurvey.bench;

import io.javalin.Javalin;
import livesurvey.Backend;
import livesurvey.EventStream;
import livesurvey.web.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keystroke to dashboard (SPEC §5): one respondent types while 100 dashboards are open; for each
 * keystroke and each dashboard, the time from sending the answer to the dashboard receiving it.
 * Prints p50/p95/max; asserts only that every dashboard saw the last keystroke.
 */
class LiveBench {
    static final int DASHBOARDS = Integer.getInteger("bench.dashboards", 100);
    static final int KEYSTROKES = Integer.getInteger("bench.keystrokes", 100);

    @Test
    void keystroke_to_a_hundred_dashboards() throws Exception {
        try (Backend db = Backend.forBenchmarks()) {
            Javalin server = db.app().javalin().start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.port();
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json").header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                                + Backend.ADMIN_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                String admin = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                List<EventStream> dashboards = new ArrayList<>();
                for (int i = 0; i < DASHBOARDS; i++) {
                    EventStream s = new EventStream(base + "/api/surveys/default/events", admin, null);
                    assertEquals(200, s.status());
                    dashboards.add(s);
                }
                for (EventStream s : dashboards) {
                    s.await(EventStream.named("summary"), java.time.Duration.ofSeconds(30));
                }
                HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/surveys/default/responses")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
                String respondent = started.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                Map<String, Long> sentAt = new HashMap<>();
                for (int k = 0; k < KEYSTROKES; k++) {
                    String last = "keystroke " + k;
                    sentAt.put(last, System.nanoTime());
                    http.send(HttpRequest.newBuilder(URI.create(base
                                    + "/api/surveys/default/responses/me/answers/about"))
                            .header("Cookie", respondent).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(
                                    Map.of("value", last)))).build(), HttpResponse.BodyHandlers.discarding());
                    Thread.sleep(50);
                }
                // A keystroke is visible once a dashboard shows it or a later one (batches coalesce).
                List<Long> latencies = new ArrayList<>();
                int sawLast = 0;
                long deadline = System.nanoTime() + 30_000_000_000L;
                for (EventStream s : dashboards) {
                    long[] shownAt = new long[KEYSTROKES];
                    int newest = -1;
                    while (newest < KEYSTROKES - 1 && System.nanoTime() < deadline) {
                        for (EventStream.Event e : s.drain()) {
                            String about = "response".equals(e.name()) ? e.data().at("/answers/about").asText("") : "";
                            if (about.startsWith("keystroke ")) {
                                int k = Integer.parseInt(about.substring("keystroke ".length()));
                                for (int j = newest + 1; j <= k; j++) {
                                    shownAt[j] = e.receivedNanos();
                                }
                                newest = Math.max(newest, k);
                            }
                        }
                        Thread.sleep(5);
                    }
                    if (newest == KEYSTROKES - 1) {
                        sawLast++;
                        for (int k = 0; k < KEYSTROKES; k++) {
                            latencies.add((shownAt[k] - sentAt.get("keystroke " + k)) / 1_000_000);
                        }
                    }
                }
                dashboards.forEach(EventStream::close);
                latencies.sort(null);
                System.out.println();
                System.out.printf("== Keystroke to dashboard on %s: %d dashboards, %d keystrokes, 20/s%n",
                        db, DASHBOARDS, KEYSTROKES);
                if (!latencies.isEmpty()) {
                    System.out.printf("deliveries %d   p50 %d ms   p95 %d ms   max %d ms   (target p95 < 250 ms)%n",
                            latencies.size(), latencies.get(latencies.size() / 2),
                            latencies.get((int) (latencies.size() * 0.95)), latencies.get(latencies.size() - 1));
                }
                System.out.println();
                assertEquals(DASHBOARDS, sawLast, "every dashboard saw the last keystroke");
            } finally {
                server.stop();
            }
        }
    }
}
