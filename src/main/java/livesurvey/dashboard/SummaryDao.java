package livesurvey.dashboard;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

/** Reads the summary's counters (a few hundred rows at most, whatever the number of responses). */
@RegisterConstructorMapper(SummaryDao.Counter.class)
public interface SummaryDao {

    /** One counter summed over its slots: question 0 holds the survey-wide counts. */
    record Counter(long questionId, String item, long amount) {
    }

    @SqlQuery("""
            SELECT question_id, item, SUM(amount) AS amount FROM summary_counters
            WHERE survey_id = :surveyId GROUP BY question_id, item
            """)
    List<Counter> counters(@Bind("surveyId") long surveyId);

    @SqlQuery("""
            SELECT COALESCE(SUM(amount), 0) FROM summary_counters
            WHERE survey_id = :surveyId AND question_id = 0 AND item = 'responses'
            """)
    long responseCount(@Bind("surveyId") long surveyId);

    /** The newest end of ix_responses_survey_updated: one index look-up. */
    @SqlQuery("SELECT MAX(updated_at) FROM responses WHERE survey_id = :surveyId")
    Long lastUpdated(@Bind("surveyId") long surveyId);
}
