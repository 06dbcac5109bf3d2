package livesurvey.bench;

import io.javalin.Javalin;
import livesurvey.Backend;
import livesurvey.web.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Answer ingest (SPEC §5): PUT one answer, every acknowledged answer durable, against a no-op
 * endpoint on the same server in the same run. Prints figures; asserts only that nothing was lost.
 * Run with ./run.sh bench (MariaDB when LIVESURVEY_TEST_DATABASE_URL is set, else H2).
 */
class IngestBench {
    static final int USERS = Integer.getInteger("bench.users", 64);
    static final int REQUESTS = Integer.getInteger("bench.requests", 60_000);
    static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "20"));

    @Test
    void answer_ingest_against_a_no_op_baseline() throws Exception {
        try (Backend db = Backend.forBenchmarks()) {
            Javalin server = db.app().javalin(cfg -> cfg.routes.get("/bench/noop", ctx -> ctx.result("ok")))
                    .start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String base = "http://127.0.0.1:" + server.port();
                String[] cookies = new String[USERS];
                String[] lastAcked = new String[USERS];
                for (int u = 0; u < USERS; u++) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                            + "/api/surveys/default/responses")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String c = r.headers().firstValue("Set-Cookie").orElseThrow();
                    cookies[u] = c.substring(0, c.indexOf(';'));
                }
                HttpRequest noop = HttpRequest.newBuilder(URI.create(base + "/bench/noop")).build();
                LoadRun.run("warm-up", USERS, 5_000, 5, (u, n) ->
                        http.send(noop, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                var baseline = LoadRun.run("no-op GET", USERS, REQUESTS, SECONDS, (u, n) ->
                        http.send(noop, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                var ingest = LoadRun.run("PUT answer (durable)", USERS, REQUESTS, SECONDS, (u, n) -> {
                    String value = "user " + u + " keystroke " + n;
                    HttpRequest put = HttpRequest.newBuilder(URI.create(base
                                    + "/api/surveys/default/responses/me/answers/about"))
                            .header("Cookie", cookies[u]).header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(Map.of("value", value))))
                            .build();
                    boolean ok = http.send(put, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    if (ok) {
                        lastAcked[u] = value;
                    }
                    return ok;
                });
                long lost = 0;
                for (int u = 0; u < USERS; u++) {
                    String stored = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                                    + "/api/surveys/default/responses/me")).header("Cookie", cookies[u]).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).at("/answers/about/value").asText(null);
                    if (lastAcked[u] != null && !lastAcked[u].equals(stored)) {
                        lost++;
                    }
                }
                System.out.println();
                System.out.println("== Answer ingest on " + db + " (" + USERS + " concurrent respondents, 2-core machine)");
                System.out.println(baseline);
                System.out.println(ingest);
                System.out.printf("ratio ingest / no-op: %.2f   (target >= 0.3; target >= 10,000 answers/s, p99 < 50 ms on MySQL/MariaDB)%n",
                        ingest.perSecond() / baseline.perSecond());
                System.out.println("respondents whose last acknowledged answer is not the stored one: " + lost);
                System.out.println();
                assertEquals(0, lost, "an acknowledged answer was lost");
                assertEquals(0, ingest.errors(), "errors during ingest");
            } finally {
                server.stop();
            }
        }
    }
}
