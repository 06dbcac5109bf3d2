package livesurvey.response;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The statements of one answer write; only {@link AnswerWriter} uses them, inside its transaction. */
interface AnswerWriteDao {

    @SqlUpdate("""
            INSERT INTO answers (response_id, question_id, answer_value, sort_value, valid, error, updated_at)
            VALUES (:responseId, :questionId, :value, :sortValue, :valid, :error, :now)
            ON DUPLICATE KEY UPDATE answer_value = VALUES(answer_value), sort_value = VALUES(sort_value),
                valid = VALUES(valid), error = VALUES(error), updated_at = VALUES(updated_at)
            """)
    void upsertAnswer(@Bind("responseId") long responseId, @Bind("questionId") long questionId,
                      @Bind("value") String value, @Bind("sortValue") String sortValue,
                      @Bind("valid") boolean valid, @Bind("error") String error, @Bind("now") long now);

    @SqlUpdate("""
            UPDATE responses SET updated_at = :now, editing_key = :key
            WHERE id = :responseId AND completed_at IS NULL
            """)
    int touch(@Bind("responseId") long responseId, @Bind("key") String key, @Bind("now") long now);

    @SqlUpdate("DELETE FROM unique_claims WHERE response_id = :responseId AND question_id = :questionId")
    void releaseClaim(@Bind("responseId") long responseId, @Bind("questionId") long questionId);

    /** Claims a value unless someone holds it; read the holder afterwards to know who won. */
    @SqlUpdate("""
            INSERT INTO unique_claims (question_id, value_hash, response_id)
            VALUES (:questionId, :valueHash, :responseId)
            ON DUPLICATE KEY UPDATE response_id = response_id
            """)
    void claim(@Bind("questionId") long questionId, @Bind("valueHash") String valueHash,
               @Bind("responseId") long responseId);

    @SqlQuery("SELECT response_id FROM unique_claims WHERE question_id = :questionId AND value_hash = :valueHash")
    long holder(@Bind("questionId") long questionId, @Bind("valueHash") String valueHash);
}
