package livesurvey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load, in a JVM of its own so its CPU is not the server's: N connections, each a thread
 * sending one request at a time. Prints START and END around the measured part (the bench samples
 * the server's CPU there) and then one RESULT line of JSON.
 *
 * <pre>
 * get      base connections seconds path status    GET the path, expecting that status
 * ingest   base connections seconds respondents    respondents typing into one answer; reads every acked value back
 * complete base connections count                  that many respondents completing the survey
 * </pre>
 */
public final class LoadGenerator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final AtomicLong errors = new AtomicLong();
    private final List<long[]> latencies = new ArrayList<>();

    private LoadGenerator(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator load = new LoadGenerator(args[1]);
        int connections = Integer.parseInt(args[2]);
        ObjectNode result = switch (args[0]) {
            case "get" -> load.get(connections, Double.parseDouble(args[3]), args[4], Integer.parseInt(args[5]));
            case "ingest" -> load.ingest(connections, Double.parseDouble(args[3]), Integer.parseInt(args[4]));
            case "complete" -> load.complete(connections, Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.out.println("RESULT " + result);
        System.exit(0);
    }

    /** One request of a timed loop, on the loop's own connection: true when it got the status it should. */
    @FunctionalInterface
    private interface Call {
        boolean send(RawConnection connection, int c, int n) throws Exception;
    }

    private ObjectNode get(int connections, double seconds, String path, int status) throws Exception {
        byte[] request = RawConnection.get(path);
        return timed(connections, seconds, (conn, c, n) -> conn.exchange(request) == status);
    }

    private ObjectNode ingest(int connections, double seconds, int respondents) throws Exception {
        if (respondents < connections) {
            throw new IllegalArgumentException("need at least one respondent per connection");
        }
        String[] cookies = new String[respondents];
        for (int r = 0; r < respondents; r++) {
            cookies[r] = start();
        }
        String key = firstLongText(definition());
        String[] acked = new String[respondents];
        int[] sent = new int[respondents];
        String path = "/api/surveys/default/responses/me/answers/" + key;
        ObjectNode result = timed(connections, seconds, (conn, c, n) -> {
            // Connection c types for respondents c, c + connections, …: one writer per respondent.
            int owned = (respondents - c + connections - 1) / connections;
            int r = c + (n % owned) * connections;
            String value = "respondent " + r + " keystroke " + sent[r]++;
            boolean ok = conn.exchange(RawConnection.put(path, cookies[r], "{\"value\":\"" + value + "\"}")) == 200;
            if (ok) {
                acked[r] = value;
            }
            return ok;
        });
        long lost = 0;
        for (int r = 0; r < respondents; r++) {
            JsonNode me = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/default/responses/me"))
                    .header("Cookie", cookies[r]).build(), HttpResponse.BodyHandlers.ofString()).body());
            if (acked[r] != null && !acked[r].equals(me.at("/answers/" + key + "/value").asText(null))) {
                lost++;
            }
        }
        return result.put("lost", lost).put("key", key);
    }

    private ObjectNode complete(int connections, int count) throws Exception {
        JsonNode survey = definition();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        return timed(connections, 3600, (conn, c, n) -> {
            int r = next.getAndIncrement();
            if (r >= count) {
                return stop();
            }
            String cookie = start();
            boolean ok = true;
            for (JsonNode step : survey.get("steps")) {
                for (JsonNode q : step.get("questions")) {
                    ok &= put(cookie, q.get("key").asText(), validAnswer(q, r)) == 200;
                }
                ok &= post(cookie, "/responses/me/steps/" + step.get("number").asInt()) == 200;
            }
            ok &= post(cookie, "/responses/me/complete") == 200;
            if (ok) {
                completed.incrementAndGet();
            }
            return ok;
        }).put("completed", completed.get());
    }

    private static final RuntimeException DONE = new RuntimeException("done", null, false, false) { };

    private static boolean stop() {
        throw DONE;
    }

    /** Runs the call on every connection until the time is up; counts and times each call. */
    private ObjectNode timed(int connections, double seconds, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        System.out.println("START");
        long began = System.nanoTime();
        List<Future<long[]>> done = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            done.add(pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int count = 0;
                RawConnection conn = new RawConnection(base);
                for (int n = 0; System.nanoTime() < deadline; n++) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.send(conn, connection, n);
                    } catch (RuntimeException e) {
                        if (e == DONE) {
                            break;
                        }
                        ok = false;
                    } catch (Exception e) {
                        ok = false;
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    } else {
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                        }
                        mine[count++] = (System.nanoTime() - t0) / 1000;
                    }
                }
                conn.close();
                return Arrays.copyOf(mine, count);
            }));
        }
        for (Future<long[]> f : done) {
            latencies.add(f.get());
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        System.out.println("END");
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return JSON.createObjectNode().put("ok", all.length).put("errors", errors.get()).put("seconds", elapsed)
                .put("perSecond", all.length / elapsed)
                .put("p50Micros", percentile(all, 0.50)).put("p99Micros", percentile(all, 0.99));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    private JsonNode definition() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/default")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String start() throws Exception {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/default/responses"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new IllegalStateException("starting a response answered " + r.statusCode()));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private int put(String cookie, String key, Object value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/default/responses/me/answers/" + key))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("value", value))))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int post(String cookie, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/surveys/default" + path))
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The survey is data: a valid answer is derived from the question's definition, not from its key. */
    static Object validAnswer(JsonNode q, int respondent) {
        JsonNode options = q.path("options");
        String type = q.path("type").asText();
        if (options.size() > 0) {
            String value = options.get(respondent % options.size()).get("value").asText();
            return type.equals("checkbox") || type.contains("multiple") ? List.of(value) : value;
        }
        if (type.equals("email")) {
            return "bench-" + respondent + "-" + System.nanoTime() + "@example.org";
        }
        if (type.equals("number")) {
            return q.has("min") ? q.get("min").asText() : "1";
        }
        int min = Math.max(1, q.path("minLength").asInt(1));
        return "answer " + respondent + "x".repeat(min);
    }

    /** The question a respondent types the most into: the first long-text one, else the first text one. */
    private static String firstLongText(JsonNode survey) {
        String text = null;
        for (JsonNode step : survey.get("steps")) {
            for (JsonNode q : step.get("questions")) {
                String type = q.path("type").asText();
                if (type.equals("textarea") || type.equals("long_text") || type.equals("longText")) {
                    return q.get("key").asText();
                }
                if (text == null && type.equals("text")) {
                    text = q.get("key").asText();
                }
            }
        }
        return text;
    }
}
