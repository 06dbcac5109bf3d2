package livesurvey.survey;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The admin's list of surveys with their counts (from the summary's counters, not a COUNT over rows). */
public final class SurveyList {
    private final Jdbi jdbi;

    public SurveyList(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    List<SurveyAdminHandler.Listed> all() {
        return jdbi.withExtension(SurveyAdminDao.class, dao -> {
            Map<Long, Map<String, Long>> counts = new HashMap<>();
            dao.counts().forEach(c -> counts.computeIfAbsent(c.surveyId(), k -> new HashMap<>()).put(c.item(), c.amount()));
            return dao.all().stream().map(s -> {
                Map<String, Long> c = counts.getOrDefault(s.id(), Map.of());
                Long last = dao.lastActivity(s.id());
                return new SurveyAdminHandler.Listed(s.slug(), s.title(), Survey.Status.valueOf(s.status()),
                        s.revision(), c.getOrDefault("responses", 0L), c.getOrDefault("completed", 0L),
                        last == null ? null : Instant.ofEpochMilli(last));
            }).toList();
        });
    }
}
