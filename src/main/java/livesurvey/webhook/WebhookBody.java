package livesurvey.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import livesurvey.web.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * What an admin sends to register or change an endpoint. On update every field is optional.
 *
 * @param url     where deliveries are POSTed (https:// or http://, a public address)
 * @param events  any of response.completed, response.deleted, response.updated (a partial response moved on a step)
 * @param enabled false pauses deliveries; true resumes them (also after the endpoint was disabled for failing)
 */
public record WebhookBody(String url, List<String> events, Boolean enabled) {
    static final int MAX_URL = 2000;

    static WebhookBody parse(JsonNode body, boolean partial) {
        String url = null;
        JsonNode u = body.get("url");
        if (u != null && !u.isNull()) {
            if (!u.isTextual() || u.asText().isBlank()) {
                throw new ApiException(422, "url must be a URL in a string", "url", null);
            }
            url = u.asText().strip();
            if (url.length() > MAX_URL) {
                throw new ApiException(422, "url must be at most " + MAX_URL + " characters", "url", null);
            }
        } else if (!partial) {
            throw new ApiException(422, "url is required", "url", null);
        }
        List<String> events = null;
        JsonNode e = body.get("events");
        if (e != null && !e.isNull()) {
            events = events(e);
        } else if (!partial) {
            events = List.of(WebhookOutbox.COMPLETED);
        }
        Boolean enabled = null;
        JsonNode en = body.get("enabled");
        if (en != null && !en.isNull()) {
            if (!en.isBoolean()) {
                throw new ApiException(422, "enabled must be true or false", "enabled", null);
            }
            enabled = en.asBoolean();
        }
        return new WebhookBody(url, events, enabled);
    }

    /** The events asked for, in the canonical order, each once. */
    private static List<String> events(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new ApiException(422, "events must be a non-empty array of " + WebhookOutbox.EVENTS, "events", null);
        }
        List<String> asked = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !WebhookOutbox.EVENTS.contains(item.asText())) {
                throw new ApiException(422, "Unknown event " + item + "; events are " + WebhookOutbox.EVENTS,
                        "events", null);
            }
            asked.add(item.asText());
        }
        return WebhookOutbox.EVENTS.stream().filter(asked::contains).toList();
    }
}
