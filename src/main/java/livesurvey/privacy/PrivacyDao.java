package livesurvey.privacy;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;

/** Look-ups for respondents' rights: which responses gave an answer. */
@RegisterConstructorMapper(PrivacyDao.Candidate.class)
interface PrivacyDao {

    /** A response whose answer to the question has the same sort key as the one looked for. */
    record Candidate(long responseId, String answerValue) {
    }

    /** Through ix_answers_question_sort: the sort key is the answer case-folded and trimmed (StoredValue). */
    @SqlQuery("""
            SELECT a.response_id, a.answer_value FROM answers a JOIN responses r ON r.id = a.response_id
            WHERE a.question_id = :questionId AND a.sort_value = :sortKey AND r.survey_id = :surveyId
            ORDER BY a.response_id
            """)
    List<Candidate> candidates(@Bind("surveyId") long surveyId, @Bind("questionId") long questionId,
                               @Bind("sortKey") String sortKey);
}
