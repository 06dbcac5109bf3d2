package livesurvey.webhook;

import java.time.Instant;

/**
 * One line of an endpoint's delivery log. {@code status}: pending (next try at nextAttemptAt),
 * delivered, failed (gave up), paused (the endpoint is disabled).
 */
public record Delivery(long id, String eventId, String type, String status, int attempts, Integer lastStatusCode,
                       String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {

    static Delivery of(WebhookDao.DeliveryRow row) {
        return new Delivery(row.id(), row.eventId(), row.eventType(), row.status(), row.attempts(),
                row.lastStatusCode(), row.lastError(),
                row.status().equals("pending") ? Instant.ofEpochMilli(row.nextAttemptAt()) : null,
                Instant.ofEpochMilli(row.createdAt()),
                row.deliveredAt() == null ? null : Instant.ofEpochMilli(row.deliveredAt()));
    }
}
