package livesurvey;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A client of the Server-Sent Events endpoint, as a dashboard's EventSource would be. */
public final class EventStream implements AutoCloseable {
    /** One received event. */
    public record Event(String name, String id, JsonNode data, long receivedNanos) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> body;
    private volatile Long retryMillis;
    private volatile boolean ended;

    public EventStream(String url, String cookie, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        // Read on a thread of its own: never on a thread that waits for the status.
        response.thenAcceptAsync(r -> {
            body = r.body();
            String[] event = {null, null};
            StringBuilder data = new StringBuilder();
            r.body().forEach(line -> {
                if (line.startsWith("event:")) {
                    event[0] = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    event[1] = line.substring(3).trim();
                } else if (line.startsWith("retry:")) {
                    retryMillis = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                } else if (line.isEmpty() && !data.isEmpty()) {
                    events.add(new Event(event[0], event[1], parse(data.toString()), System.nanoTime()));
                    data.setLength(0);
                    event[0] = null;
                }
            });
            ended = true;
        }, runnable -> {
            Thread reader = new Thread(runnable, "event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    /** The HTTP status, once the response has started (bounded wait). */
    public int status() throws Exception {
        return response.get(10, TimeUnit.SECONDS).statusCode();
    }

    /** The next event that matches, skipping others; fails after the bound. */
    public Event await(Predicate<Event> match, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(50, TimeUnit.MILLISECONDS);
            if (e != null && match.test(e)) {
                return e;
            }
        }
        throw new AssertionError("No matching event within " + bound);
    }

    /** Every event received so far, without waiting. */
    public java.util.List<Event> drain() {
        java.util.List<Event> all = new java.util.ArrayList<>();
        events.drainTo(all);
        return all;
    }

    /** The last reconnection delay the server asked for (the SSE retry field), or null. */
    public Long retryMillis() {
        return retryMillis;
    }

    /** True once the server has closed the stream. */
    public boolean ended() {
        return ended;
    }

    public static Predicate<Event> named(String name) {
        return e -> name.equals(e.name());
    }

    private static JsonNode parse(String data) {
        try {
            return Json.MAPPER.readTree(data);
        } catch (Exception e) {
            throw new IllegalStateException("Event data is not JSON: " + data, e);
        }
    }

    @Override
    public void close() {
        response.cancel(true);
        Stream<String> lines = body;
        if (lines != null) {
            lines.close();
        }
    }
}
