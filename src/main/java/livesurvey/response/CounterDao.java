package livesurvey.response;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/** The summary's slotted counters; changed only by {@link SummaryCounters}, inside a response's transaction. */
@RegisterConstructorMapper(CounterDao.ChoiceQuestion.class)
interface CounterDao {

    /** A choice or number question: its kind and its options (a JSON array of {"value","label"}). */
    record ChoiceQuestion(long id, String kind, String options) {
    }

    @SqlUpdate("""
            INSERT INTO summary_counters (survey_id, question_id, item, slot, amount)
            VALUES (:surveyId, :questionId, :item, :slot, :delta)
            ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount)
            """)
    void add(@Bind("surveyId") long surveyId, @Bind("questionId") long questionId, @Bind("item") String item,
             @Bind("slot") int slot, @Bind("delta") long delta);

    @SqlQuery("""
            SELECT id, kind, options FROM questions
            WHERE survey_id = :surveyId AND kind IN ('select', 'radio', 'checkbox', 'number')
            """)
    List<ChoiceQuestion> choiceQuestions(@Bind("surveyId") long surveyId);
}
