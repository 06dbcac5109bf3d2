package livesurvey.dashboard;

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
        Map<String, String> invalid) {
}
