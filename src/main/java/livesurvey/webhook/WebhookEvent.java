package livesurvey.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * The JSON body of a delivery. {@code id} is the event's: the same on every retry, so a receiver
 * can tell a repeat from a new event.
 */
record WebhookEvent(String id, String type, Instant created, SurveyRef survey, ResponseData response) {

    record SurveyRef(long id, String slug) {
    }

    /** The response as it was when the event happened (for a deletion: just before). */
    record ResponseData(long id, Instant startedAt, Instant updatedAt, Instant completedAt, boolean completed,
                        int currentStep, Map<String, Object> answers) {
    }
}
