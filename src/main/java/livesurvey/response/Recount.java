package livesurvey.response;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rebuilds every summary counter from the rows ({@code ./run.sh recount}): for a database whose
 * counters drifted, e.g. one upgraded through the migration that could not count checkbox answers.
 * One transaction per survey. Counters changed by a start, completion or deletion committing while
 * a survey is recounted may be lost, so run it while no instance serves.
 */
public final class Recount {
    private Recount() {
    }

    /** Recounts every survey; returns how many. */
    public static int all(Jdbi jdbi) {
        List<Long> surveys = jdbi.withHandle(h -> h.createQuery("SELECT id FROM surveys ORDER BY id")
                .mapTo(Long.class).list());
        surveys.forEach(id -> jdbi.useTransaction(h -> survey(h, id)));
        return surveys.size();
    }

    static void survey(Handle h, long surveyId) {
        CounterDao counters = h.attach(CounterDao.class);
        h.registerRowMapper(ConstructorMapper.factory(AnswerRow.class));
        h.createUpdate("DELETE FROM summary_counters WHERE survey_id = :s").bind("s", surveyId).execute();
        long responses = count(h, "SELECT COUNT(*) FROM responses WHERE survey_id = :s", surveyId);
        long completed = count(h, "SELECT COUNT(*) FROM responses WHERE survey_id = :s AND completed_at IS NOT NULL",
                surveyId);
        counters.add(surveyId, 0, SummaryCounters.RESPONSES, 0, responses);
        counters.add(surveyId, 0, SummaryCounters.COMPLETED, 0, completed);
        var choices = new SummaryCounters.Choices(counters.choiceQuestions(surveyId));
        Map<SummaryCounters.Chosen, Long> options = new TreeMap<>();
        Set<SummaryCounters.Chosen> chosen = new HashSet<>();
        try (var rows = h.createQuery("""
                        SELECT a.response_id, a.question_id, a.answer_value, a.valid, a.error, a.updated_at
                        FROM answers a JOIN responses r ON r.id = a.response_id
                        WHERE r.survey_id = :s AND r.completed_at IS NOT NULL
                        """).bind("s", surveyId).mapTo(AnswerRow.class).stream()) {
            rows.forEach(a -> {
                chosen.clear();
                choices.addChosen(a, chosen);
                chosen.forEach(c -> options.merge(c, 1L, Long::sum));
            });
        }
        options.forEach((c, n) -> counters.add(surveyId, c.questionId(), c.option(), 0, n));
    }

    private static long count(Handle h, String sql, long surveyId) {
        return h.createQuery(sql).bind("s", surveyId).mapTo(Long.class).one();
    }
}
