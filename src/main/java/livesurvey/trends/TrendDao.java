package livesurvey.trends;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;

/** The trend and funnel counters: written by {@link TrendCounters} in a response's transaction, read here. */
@RegisterConstructorMapper(TrendDao.BucketCount.class)
@RegisterConstructorMapper(TrendDao.StepCount.class)
public interface TrendDao {

    /** One bucket's count of one item, summed over its slots. */
    record BucketCount(long bucketStart, String item, long amount) {
    }

    /** Responses that reached a step, summed over its slots. */
    record StepCount(int step, long amount) {
    }

    @SqlUpdate("""
            INSERT INTO trend_counters (survey_id, bucket, bucket_start, item, slot, amount)
            VALUES (:surveyId, :bucket, :start, :item, :slot, :delta)
            ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount)
            """)
    void addTrend(@Bind("surveyId") long surveyId, @Bind("bucket") String bucket, @Bind("start") long start,
                  @Bind("item") String item, @Bind("slot") int slot, @Bind("delta") long delta);

    @SqlUpdate("""
            INSERT INTO funnel_counters (survey_id, step, slot, amount) VALUES (:surveyId, :step, :slot, :delta)
            ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount)
            """)
    void addReached(@Bind("surveyId") long surveyId, @Bind("step") int step, @Bind("slot") int slot,
                    @Bind("delta") long delta);

    @SqlQuery("SELECT COALESCE(MAX(step), 0) FROM questions WHERE survey_id = :surveyId")
    int stepCount(@Bind("surveyId") long surveyId);

    @SqlQuery("""
            SELECT bucket_start, item, SUM(amount) AS amount FROM trend_counters
            WHERE survey_id = :surveyId AND bucket = :bucket AND bucket_start >= :from AND bucket_start <= :to
            GROUP BY bucket_start, item
            """)
    List<BucketCount> buckets(@Bind("surveyId") long surveyId, @Bind("bucket") String bucket,
                              @Bind("from") long from, @Bind("to") long to);

    @SqlQuery("SELECT step, SUM(amount) AS amount FROM funnel_counters WHERE survey_id = :surveyId GROUP BY step")
    List<StepCount> reached(@Bind("surveyId") long surveyId);
}
