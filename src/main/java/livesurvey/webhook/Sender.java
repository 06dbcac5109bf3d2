package livesurvey.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** Makes one attempt at one delivery: a signed POST of the stored body, bounded by the timeout. */
final class Sender {
    private static final int ERROR_SNIPPET = 200;

    private final WebhookSettings settings;
    private final AddressGuard guard;
    private final Clock clock;
    // Redirects are not followed: a 3xx could point a delivery at an address the guard refuses.
    // Built at the first delivery, not at start-up: building a JDK HttpClient was an eighth of the
    // start-up's CPU on the main thread (JFR), and most instances never send a webhook.
    private volatile HttpClient client;

    Sender(WebhookSettings settings, AddressGuard guard, Clock clock) {
        this.settings = settings;
        this.guard = guard;
        this.clock = clock;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(settings.timeout())
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    client = c;
                }
            }
        }
        return c;
    }

    /** What happened to one attempt; {@code delivery} is null when it no longer exists. */
    record Attempt(WebhookDao.DeliveryRow delivery, WebhookDao.EndpointRow endpoint, boolean ok, Integer status,
                   String error) {
        boolean skipped() {
            return delivery == null || endpoint == null || !endpoint.enabled();
        }
    }

    Attempt attempt(WebhookDao dao, long deliveryId) {
        WebhookDao.DeliveryRow delivery = dao.delivery(deliveryId).orElse(null);
        WebhookDao.EndpointRow endpoint = delivery == null ? null : dao.endpoint(delivery.endpointId()).orElse(null);
        if (delivery == null || endpoint == null || !endpoint.enabled()) {
            return new Attempt(delivery, endpoint, false, null, "The endpoint is disabled");
        }
        URI uri = URI.create(endpoint.url());
        Optional<String> refused = guard.refusal(uri);
        if (refused.isPresent()) {
            return new Attempt(delivery, endpoint, false, null, refused.get());
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "LiveSurvey-Webhooks/1.0")
                .header("LiveSurvey-Event-Id", delivery.eventId())
                .header(Signature.HEADER, Signature.header(endpoint.secret(), clock.millis() / 1000, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            try (InputStream in = response.body()) {
                if (status >= 200 && status < 300) {
                    return new Attempt(delivery, endpoint, true, status, null);
                }
                String snippet = new String(in.readNBytes(ERROR_SNIPPET), StandardCharsets.UTF_8).strip();
                return new Attempt(delivery, endpoint, false, status,
                        "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet));
            }
        } catch (HttpTimeoutException e) {
            return new Attempt(delivery, endpoint, false, null, "Timed out after " + settings.timeout().toSeconds() + " s");
        } catch (IOException e) {
            return new Attempt(delivery, endpoint, false, null, "Connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(delivery, endpoint, false, null, "Interrupted while sending");
        }
    }
}
