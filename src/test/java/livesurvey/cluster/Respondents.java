package livesurvey.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Respondents typing and completing surveys through the load balancer, as the survey page does:
 * every answer is re-sent until it is acknowledged (503 and lost connections are retried with
 * backoff), and what was acknowledged is remembered, to be found in the database afterwards.
 */
final class Respondents {
    /** What one respondent had acknowledged: the last value per key, and whether completion was. */
    record Acknowledged(long id, Map<String, Object> answers, Map<String, Object> unacknowledged, boolean completed) {
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    final AtomicLong connectionErrors = new AtomicLong();
    final AtomicLong otherErrors = new AtomicLong();
    final AtomicLong longestRetryMillis = new AtomicLong();
    final AtomicLong gaveUp = new AtomicLong();
    final ConcurrentLinkedQueue<String> otherErrorSamples = new ConcurrentLinkedQueue<>();
    final Map<Long, Acknowledged> byId = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    Respondents(String base) {
        this.base = base;
    }

    void stop() {
        stop.set(true);
    }

    /** One thread's loop: a new respondent, all four steps, complete; again until told to stop. */
    void run(int thread) {
        while (!stop.get()) {
            long n = sequence.incrementAndGet();
            // Each respondent its own client address (forwarded through HAProxy, a trusted proxy).
            String address = "10.77." + (n / 250 % 250) + "." + (n % 250 + 1);
            String[] cookie = {null};
            JsonNode started = call("POST", "/responses", null, cookie, address);
            if (started == null) {
                continue;
            }
            long id = started.get("id").asLong();
            Map<String, Object> answers = new LinkedHashMap<>();
            Map<String, Object> tried = new LinkedHashMap<>();
            String who = "Fault " + thread + "-" + n;
            boolean ok = type("name", who, answers, tried, cookie, address)
                    && type("email", "fault-" + n + "-" + System.nanoTime() + "@example.com", answers, tried, cookie, address)
                    && step(1, cookie, address)
                    && type("age", String.valueOf(16 + n % 80), answers, tried, cookie, address)
                    && type("about", "Typing through faults, respondent " + n, answers, tried, cookie, address)
                    && step(2, cookie, address)
                    && put("gender", List.of("female", "male", "other").get((int) (n % 3)), answers, tried, cookie, address)
                    && step(3, cookie, address)
                    && put("colours", List.of("red", "blue"), answers, tried, cookie, address)
                    && step(4, cookie, address);
            boolean completed = ok && call("POST", "/responses/me/complete", null, cookie, address) != null;
            byId.put(id, new Acknowledged(id, Map.copyOf(answers), Map.copyOf(tried), completed));
        }
    }

    /** Sends the value as it is typed: a PUT per few keystrokes, then the whole value. */
    private boolean type(String key, String value, Map<String, Object> answers, Map<String, Object> tried,
                         String[] cookie, String address) {
        for (int i = 3; i < value.length(); i += 4) {
            if (!put(key, value.substring(0, i), answers, tried, cookie, address)) {
                return false;
            }
            pause(15);
        }
        return put(key, value, answers, tried, cookie, address);
    }

    /** A value that was sent but never acknowledged may still have been stored: it is remembered too. */
    private boolean put(String key, Object value, Map<String, Object> answers, Map<String, Object> tried,
                        String[] cookie, String address) {
        tried.put(key, value);
        if (call("PUT", "/responses/me/answers/" + key, Map.of("value", value), cookie, address) == null) {
            return false;
        }
        answers.put(key, value);
        return true;
    }

    private boolean step(int n, String[] cookie, String address) {
        return call("POST", "/responses/me/steps/" + n, null, cookie, address) != null;
    }

    /** The reply's JSON once acknowledged (2xx); null when it never was (after 60 s of retries). */
    private JsonNode call(String method, String path, Object body, String[] cookie, String address) {
        long firstTry = System.nanoTime();
        long backoff = 100;
        while (System.nanoTime() - firstTry < 60_000_000_000L) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/surveys/default" + path))
                        .timeout(Duration.ofSeconds(30)).header("X-Forwarded-For", address)
                        .header("Content-Type", "application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
                if (cookie[0] != null) {
                    b.header("Cookie", cookie[0]);
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    acknowledged.incrementAndGet();
                    r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ls_respondent="))
                            .findFirst().ifPresent(c -> cookie[0] = c.substring(0, c.indexOf(';')));
                    longestRetryMillis.accumulateAndGet((System.nanoTime() - firstTry) / 1_000_000, Math::max);
                    return Json.MAPPER.readTree(r.body().isEmpty() ? "{}" : r.body());
                }
                if (r.statusCode() == 503) {
                    unavailable.incrementAndGet();
                } else {
                    otherErrors.incrementAndGet();
                    if (otherErrorSamples.size() < 20) {
                        otherErrorSamples.add(method + " " + path + " " + r.statusCode() + " " + r.body());
                    }
                    return null;
                }
            } catch (java.io.IOException e) {
                connectionErrors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            pause(backoff);
            backoff = Math.min(backoff * 2, 2_000);
        }
        gaveUp.incrementAndGet();
        return null;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
