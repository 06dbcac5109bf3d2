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
    /** A partial response moved on a step: one event per step, not per keystroke. */
    public static final String UPDATED = "response.updated";
    static final String TEST = "webhook.test";
    static final List<String> EVENTS = List.of(COMPLETED, DELETED, UPDATED);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private WebhookOutbox() {
    }

    /** A response was completed: call inside the completing transaction. */
    public static void completed(Handle h, long surveyId, long responseId, long now) {
        enqueue(h, surveyId, responseId, COMPLETED, now);
    }

    /** A response moved on to a new step (NEXT): call inside that transaction. */
    public static void advanced(Handle h, long surveyId, long responseId, long now) {
        enqueue(h, surveyId, responseId, UPDATED, now);
    }

    /**
     * A response is about to be deleted: call inside the deleting transaction, before the row goes.
     * Its earlier deliveries go with it, and the deletion event names the response without its
     * answers, so an erasure leaves none of them in the outbox or the delivery log.
     */
    public static void deleting(Handle h, long surveyId, long responseId, long now) {
        h.attach(WebhookDao.class).forgetResponse(responseId);
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
        String body = body(new WebhookEvent(eventId, type, Instant.ofEpochMilli(now),
                new WebhookEvent.SurveyRef(surveyId, dao.slug(surveyId)),
                snapshot(dao, responseId, !type.equals(DELETED))));
        targets.forEach(e -> dao.enqueue(e.id(), responseId, eventId, type, body, now));
    }

    /** A test event for one endpoint, made by the "send test event" button. */
    static long enqueueTest(WebhookDao dao, WebhookDao.EndpointRow endpoint, WebhookEvent.SurveyRef survey, long now) {
        String eventId = newEventId();
        return dao.enqueue(endpoint.id(), null, eventId, TEST,
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

    /** The response with (or without) its answers by question key, in the survey's order. */
    private static WebhookEvent.ResponseData snapshot(WebhookDao dao, long responseId, boolean withAnswers) {
        Map<String, Object> answers = new LinkedHashMap<>();
        (withAnswers ? dao.answers(responseId) : List.<WebhookDao.AnswerSnapshot>of()).forEach(a -> answers.put(a.questionKey(), decode(a.kind(), a.answerValue())));
        WebhookDao.ResponseSnapshot r = dao.response(responseId);
        return new WebhookEvent.ResponseData(r.id(), Instant.ofEpochMilli(r.startedAt()),
                Instant.ofEpochMilli(r.updatedAt()), r.completedAt() == null ? null : Instant.ofEpochMilli(r.completedAt()),
                r.completedAt() != null, r.currentStep(), answers);
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
