package livesurvey.live;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** The change feed table: written inside the transactions that change responses, read by followers. */
@RegisterConstructorMapper(Change.class)
public interface ChangeDao {

    /** Call inside the transaction that made the change, so the feed never tells of an uncommitted one. */
    @SqlUpdate("""
            INSERT INTO changes (survey_id, response_id, kind, created_at)
            VALUES (:surveyId, :responseId, :kind, :now)
            """)
    void record(@Bind("surveyId") long surveyId, @Bind("responseId") long responseId, @Bind("kind") String kind,
                @Bind("now") long now);

    @SqlQuery("""
            SELECT id, survey_id, response_id, kind FROM changes
            WHERE id > :after AND survey_id = :surveyId ORDER BY id LIMIT :limit
            """)
    List<Change> afterForSurvey(@Bind("after") long after, @Bind("surveyId") long surveyId, @Bind("limit") int limit);

    /** A page of a survey's changes in (after, upTo], oldest first: the sync API's read, bounded by the watermark. */
    @SqlQuery("""
            SELECT id, survey_id, response_id, kind FROM changes
            WHERE survey_id = :surveyId AND id > :after AND id <= :upTo ORDER BY id LIMIT :limit
            """)
    List<Change> between(@Bind("surveyId") long surveyId, @Bind("after") long after, @Bind("upTo") long upTo,
                         @Bind("limit") int limit);

    @SqlQuery("SELECT MAX(id) FROM changes")
    Optional<Long> newest();

    @SqlQuery("SELECT MIN(id) FROM changes")
    Optional<Long> oldest();

    @SqlUpdate("DELETE FROM changes WHERE created_at < :before LIMIT :limit")
    int prune(@Bind("before") long before, @Bind("limit") int limit);
}
