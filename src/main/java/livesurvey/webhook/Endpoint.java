package livesurvey.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint as the API shows it. {@code secret} is present only in the reply that created
 * it; {@code disabledReason} says why an endpoint stopped receiving deliveries.
 */
public record Endpoint(long id, String url, List<String> events, boolean enabled, String disabledReason,
                       int consecutiveFailures, Instant createdAt, Instant updatedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static Endpoint of(WebhookDao.EndpointRow row, String secret) {
        return new Endpoint(row.id(), row.url(), List.of(row.events().split(",")), row.enabled(),
                row.disabledReason(), row.consecutiveFailures(), Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.updatedAt()), secret);
    }
}
