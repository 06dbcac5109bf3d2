package livesurvey.response;

import java.time.Instant;
import java.util.Map;

/** What a respondent sees of their own response. */
public record RespondentState(
        long id,
        String survey,
        int currentStep,
        int stepCount,
        boolean completed,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt,
        Map<String, AnswerState> answers) {

    /** One stored answer with the server's verdict on it. */
    public record AnswerState(Object value, boolean valid, String error) {
    }
}
