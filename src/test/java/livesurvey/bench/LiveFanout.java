package livesurvey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.EventStream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keystroke to dashboard: respondents type at a steady total rate while many dashboards watch the
 * event stream; for every keystroke and dashboard, the time from sending it to the dashboard
 * receiving it or a later keystroke of the same respondent (coalescing may skip the ones between).
 */
final class LiveFanout {
    private static final Pattern KEYSTROKE = Pattern.compile("lf(\\d+)k(\\d+)");

    record Figures(int dashboards, double keystrokesPerSecond, long deliveries, long missing, long p50Millis,
                   long p95Millis, double serverMicrosPerKeystroke) {
    }

    private LiveFanout() {
    }

    static Figures measure(ServerProcess server, int dashboards, int perSecond, Duration duration) throws Exception {
        AdminClient admin = new AdminClient(server.base());
        String key = admin.get("/api/surveys/default").at("/steps/1/questions/1/key").asText("about");
        List<EventStream> streams = new ArrayList<>();
        for (int i = 0; i < dashboards; i++) {
            streams.add(new EventStream(server.base() + "/api/surveys/default/events", admin.cookie(), null));
        }
        for (EventStream s : streams) {
            s.await(EventStream.named("summary"), Duration.ofSeconds(30));
            s.drain();
        }
        int typists = Math.max(1, perSecond / 10);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String[] cookies = new String[typists];
        for (int t = 0; t < typists; t++) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(server.base()
                    + "/api/surveys/default/responses")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            cookies[t] = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        }
        Map<Integer, List<Long>> sentAt = new ConcurrentHashMap<>();
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService typing = Executors.newScheduledThreadPool(4);
        long periodMicros = 1_000_000L * typists / perSecond;
        long cpuBefore = Proc.cpuNanos(server.pid());
        for (int t = 0; t < typists; t++) {
            int typist = t;
            List<Long> times = java.util.Collections.synchronizedList(new ArrayList<>());
            sentAt.put(typist, times);
            typing.scheduleAtFixedRate(() -> {
                String value = "lf" + typist + "k" + times.size();
                times.add(System.nanoTime());
                sent.incrementAndGet();
                http.sendAsync(HttpRequest.newBuilder(URI.create(server.base()
                                + "/api/surveys/default/responses/me/answers/" + key))
                        .header("Cookie", cookies[typist]).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":\"" + value + "\"}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }, periodMicros * t / typists, periodMicros, TimeUnit.MICROSECONDS);
        }
        Thread.sleep(duration.toMillis());
        typing.shutdownNow();
        double seconds = duration.toMillis() / 1000.0;
        Thread.sleep(2000);
        long serverNanos = Proc.cpuNanos(server.pid()) - cpuBefore;

        List<Long> latencies = new ArrayList<>();
        long missing = 0;
        for (EventStream s : streams) {
            Map<Integer, Integer> shown = new java.util.HashMap<>();
            for (EventStream.Event e : s.drain()) {
                List<int[]> seen = new ArrayList<>();
                collect(e.data(), seen);
                for (int[] tk : seen) {
                    List<Long> times = sentAt.get(tk[0]);
                    int from = shown.getOrDefault(tk[0], -1) + 1;
                    for (int k = from; k <= tk[1] && times != null && k < times.size(); k++) {
                        latencies.add((e.receivedNanos() - times.get(k)) / 1_000_000);
                    }
                    shown.merge(tk[0], tk[1], Math::max);
                }
            }
            for (var typist : sentAt.entrySet()) {
                missing += typist.getValue().size() - 1 - shown.getOrDefault(typist.getKey(), -1);
            }
            s.close();
        }
        latencies.sort(null);
        long p50 = latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2);
        long p95 = latencies.isEmpty() ? -1 : latencies.get((int) (latencies.size() * 0.95));
        return new Figures(dashboards, sent.get() / seconds, latencies.size(), missing, p50, p95,
                serverNanos / 1000.0 / Math.max(1, sent.get()));
    }

    /** Every keystroke value anywhere in an event, however the server groups rows into messages. */
    private static void collect(JsonNode node, List<int[]> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            Matcher m = KEYSTROKE.matcher(node.asText());
            if (m.matches()) {
                out.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
            }
        }
        node.forEach(child -> collect(child, out));
    }
}
