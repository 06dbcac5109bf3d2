package livesurvey.response;

import livesurvey.live.Change;
import livesurvey.live.ChangeDao;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Responses and their answers. Answer writes go through {@link AnswerWriter}, not here; every
 * other change to a response is recorded in the change feed in the same transaction.
 */
@RegisterConstructorMapper(ResponseRow.class)
@RegisterConstructorMapper(AnswerRow.class)
public interface ResponseDao extends SqlObject {
    String COLUMNS = "id, survey_id, current_step, editing_key, started_at, updated_at, completed_at, version";

    /** Only through {@link #start}, which counts it and tells the feed in the same transaction. */
    @SqlUpdate("""
            INSERT INTO responses (survey_id, token_hash, current_step, started_at, updated_at)
            VALUES (:surveyId, :tokenHash, 1, :now, :now)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("surveyId") long surveyId, @Bind("tokenHash") String tokenHash, @Bind("now") long now);

    @SqlQuery("SELECT " + COLUMNS + " FROM responses WHERE token_hash = :tokenHash AND survey_id = :surveyId")
    Optional<ResponseRow> findByToken(@Bind("surveyId") long surveyId, @Bind("tokenHash") String tokenHash);

    @SqlQuery("SELECT " + COLUMNS + " FROM responses WHERE id = :id")
    Optional<ResponseRow> findById(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM responses WHERE id IN (<ids>) AND survey_id = :surveyId")
    List<ResponseRow> findByIds(@Bind("surveyId") long surveyId, @BindList("ids") Collection<Long> ids);

    @SqlQuery("""
            SELECT response_id, question_id, answer_value, valid, error, updated_at
            FROM answers WHERE response_id = :responseId
            """)
    List<AnswerRow> answersOf(@Bind("responseId") long responseId);

    @SqlQuery("""
            SELECT response_id, question_id, answer_value, valid, error, updated_at
            FROM answers WHERE response_id IN (<ids>)
            """)
    List<AnswerRow> answersOf(@BindList("ids") Collection<Long> responseIds);

    @SqlQuery("SELECT response_id FROM unique_claims WHERE question_id = :questionId AND value_hash = :valueHash")
    Optional<Long> claimHolder(@Bind("questionId") long questionId, @Bind("valueHash") String valueHash);

    @SqlUpdate("""
            UPDATE responses SET current_step = GREATEST(current_step, :step), updated_at = :now, version = version + 1
            WHERE id = :id AND completed_at IS NULL
            """)
    int advanceTo(@Bind("id") long id, @Bind("step") int step, @Bind("now") long now);

    /** Only through {@link #markCompleted}, which counts it and tells the feed in the same transaction. */
    @SqlUpdate("""
            UPDATE responses SET completed_at = :now, updated_at = :now, editing_key = NULL, version = version + 1
            WHERE id = :id AND completed_at IS NULL AND version = :validatedVersion
            """)
    int complete(@Bind("id") long id, @Bind("validatedVersion") long validatedVersion, @Bind("now") long now);

    /** Reset & retry: the response stays, but no cookie can reach it any more. */
    @SqlUpdate("UPDATE responses SET token_hash = NULL, editing_key = NULL, version = version + 1 WHERE id = :id")
    int forgetToken(@Bind("id") long id);

    @Transaction
    default long start(long surveyId, String tokenHash, long now) {
        long id = insert(surveyId, tokenHash, now);
        SummaryCounters.started(getHandle(), surveyId);
        feed().record(surveyId, id, Change.RESPONSE, now);
        return id;
    }

    /** What a step's or a completion's transaction found under the response's row lock. */
    enum Settled {
        /** Done (or done before: completing twice is harmless). */
        DONE,
        /** An answer landed after the ones validated: validate again. */
        STALE,
        /** No such response in this survey. */
        GONE
    }

    /**
     * Moves a response on to a step once the answers of the step before were validated: holds or
     * takes their unique claims (422 when another response holds one), unless an answer landed since.
     */
    @Transaction
    default Settled advance(long surveyId, long id, long validatedVersion, List<UniqueClaims.Claim> claims, int step,
                            long now) {
        Optional<ResponseRow> row = lock(surveyId, id);
        if (row.isEmpty()) {
            return Settled.GONE;
        }
        if (row.get().completed()) {
            return Settled.DONE;
        }
        if (!claims.isEmpty()) {
            if (row.get().version() != validatedVersion) {
                return Settled.STALE;
            }
            UniqueClaims.holdAll(getHandle(), id, claims);
        }
        if (step > row.get().currentStep() || !claims.isEmpty()) {
            advanceTo(id, step, now);
            feed().record(surveyId, id, Change.RESPONSE, now);
        }
        return Settled.DONE;
    }

    /**
     * Completes a response whose answers were all valid at {@code validatedVersion}: holds or takes
     * every unique claim (422 when another response holds one), counts it, tells the feed.
     */
    @Transaction
    default Settled markCompleted(long surveyId, long id, long validatedVersion, List<UniqueClaims.Claim> claims,
                                  long now) {
        Optional<ResponseRow> row = lock(surveyId, id);
        if (row.isEmpty()) {
            return Settled.GONE;
        }
        if (row.get().completed()) {
            return Settled.DONE;
        }
        if (row.get().version() != validatedVersion) {
            return Settled.STALE;
        }
        UniqueClaims.holdAll(getHandle(), id, claims);
        if (complete(id, validatedVersion, now) == 0) {
            return Settled.STALE;
        }
        SummaryCounters.completed(getHandle(), surveyId, id);
        feed().record(surveyId, id, Change.RESPONSE, now);
        return Settled.DONE;
    }

    @Transaction
    default void forget(long surveyId, long id, long now) {
        forgetToken(id);
        // Its own kind: other instances drop the forgotten token from their caches.
        feed().record(surveyId, id, Change.FORGOT, now);
    }

    /**
     * Deletes a response with its answers and unique claims (so its email is free again), takes it
     * out of the summary's counters and tells the feed; false when there is no such response.
     */
    @Transaction
    default boolean delete(long surveyId, long id, long now) {
        Optional<ResponseRow> row = lock(surveyId, id);
        if (row.isEmpty()) {
            return false;
        }
        SummaryCounters.deleted(getHandle(), row.get());
        deleteRow(id);
        feed().record(surveyId, id, Change.DELETED, now);
        return true;
    }

    /** Locks the row, so answers, completion and deletion of one response take turns. */
    @SqlQuery("SELECT " + COLUMNS + " FROM responses WHERE id = :id AND survey_id = :surveyId FOR UPDATE")
    Optional<ResponseRow> lock(@Bind("surveyId") long surveyId, @Bind("id") long id);

    /** Answers and unique claims go with it (ON DELETE CASCADE). Only through {@link #delete}. */
    @SqlUpdate("DELETE FROM responses WHERE id = :id")
    int deleteRow(@Bind("id") long id);

    private ChangeDao feed() {
        return getHandle().attach(ChangeDao.class);
    }
}
