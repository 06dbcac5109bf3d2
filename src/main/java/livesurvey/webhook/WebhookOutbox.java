package livesurvey.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import livesurvey.web.Json;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes webhook deliveries into the outbox inside the transaction of the change they report, so
 * an event is queued if and only if its change commits, and survives a restart. Costs one query
 * when the survey has no endpoint for the event.
 */
public final class WebhookOutbox {
    public static final String COMPLETED = "response.completed";
    public static final String DELETED = "response.deleted";
    static final String TEST = "webhook.test";
    static final List<String> EVENTS = List.of(COMPLETED, DELETED);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private WebhookOutbox() {
    }

    /** A response was completed: call inside the completing transaction. */
    public static void completed(Handle h, long surveyId, long responseId, long now) {
        enqueue(h, surveyId, responseId, COMPLETED, now);
    }

    /** A response is about to be deleted: call inside the deleting transaction, before the row goes. */
    public static void deleting(Handle h, long surveyId, long responseId, long now) {
        enqueue(h, surveyId, responseId, DELETED, now);
    }

    private static void enqueue(Handle h, long surveyId, long responseId, String type, long now) {
        WebhookDao dao = h.attach(WebhookDao.class);
        List<WebhookDao.EndpointRow> targets = dao.endpoints(surveyId).stream()
                .filter(e -> e.enabled() && subscribes(e, type)).toList();
        if (targets.isEmpty()) {
            return;
        }
        String eventId = newEventId();
        String body = body(new WebhookEvent(eventId, type, Instant.ofEpochMilli(now), survey(h, surveyId),
                snapshot(h, responseId)));
        targets.forEach(e -> dao.enqueue(e.id(), eventId, type, body, now));
    }

    /** A test event for one endpoint, made by the "send test event" button. */
    static long enqueueTest(WebhookDao dao, WebhookDao.EndpointRow endpoint, WebhookEvent.SurveyRef survey, long now) {
        String eventId = newEventId();
        return dao.enqueue(endpoint.id(), eventId, TEST,
                body(new WebhookEvent(eventId, TEST, Instant.ofEpochMilli(now), survey, null)), now);
    }

    static boolean subscribes(WebhookDao.EndpointRow endpoint, String type) {
        return Arrays.asList(endpoint.events().split(",")).contains(type);
    }

    private static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String body(WebhookEvent event) {
        try {
            return Json.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebhookEvent.SurveyRef survey(Handle h, long surveyId) {
        String slug = h.createQuery("SELECT slug FROM surveys WHERE id = :id").bind("id", surveyId)
                .mapTo(String.class).one();
        return new WebhookEvent.SurveyRef(surveyId, slug);
    }

    /** The response with its answers by question key, in the survey's order. */
    private static WebhookEvent.ResponseData snapshot(Handle h, long responseId) {
        Map<String, Object> answers = new LinkedHashMap<>();
        h.createQuery("""
                        SELECT q.question_key, q.kind, a.answer_value FROM answers a
                        JOIN questions q ON q.id = a.question_id
                        WHERE a.response_id = :id ORDER BY q.step, q.position
                        """).bind("id", responseId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), decode(rs.getString(2), rs.getString(3))))
                .forEach(e -> answers.put(e.getKey(), e.getValue()));
        return h.createQuery("""
                        SELECT id, started_at, updated_at, completed_at, current_step FROM responses WHERE id = :id
                        """).bind("id", responseId)
                .map((rs, ctx) -> {
                    long completedAt = rs.getLong("completed_at");
                    boolean completed = !rs.wasNull();
                    return new WebhookEvent.ResponseData(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("started_at")),
                            Instant.ofEpochMilli(rs.getLong("updated_at")),
                            completed ? Instant.ofEpochMilli(completedAt) : null, completed,
                            rs.getInt("current_step"), answers);
                }).one();
    }

    private static Object decode(String kind, String stored) {
        if (!"checkbox".equals(kind)) {
            return stored;
        }
        try {
            return Json.MAPPER.readValue(stored, STRINGS);
        } catch (JsonProcessingException e) {
            return stored;
        }
    }
}
