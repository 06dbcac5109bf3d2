package livesurvey.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.time.Instant;
import java.util.Map;

/** One response as the dashboard, the exports and the live feed show it. */
public record Row(
        long id,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt,
        boolean completed,
        int currentStep,
        String editing,
        Map<String, Object> answers,
        Map<String, String> invalid,
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        @JsonPropertyDescription("Answers to questions an earlier revision had and the current one removed")
        Map<String, Object> earlierRevisions) {
}
