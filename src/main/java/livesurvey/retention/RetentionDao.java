package livesurvey.retention;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Each survey's retention setting, and the responses past it. */
@RegisterConstructorMapper(RetentionDao.Setting.class)
interface RetentionDao {

    /** A survey's own setting; null days: the configured default applies. */
    record Setting(long id, String slug, Integer retentionDays) {
    }

    @SqlQuery("SELECT id, slug, retention_days FROM surveys ORDER BY id")
    List<Setting> settings();

    @SqlQuery("SELECT id, slug, retention_days FROM surveys WHERE id = :id")
    Optional<Setting> setting(@Bind("id") long surveyId);

    @SqlUpdate("UPDATE surveys SET retention_days = :days WHERE id = :id")
    int set(@Bind("id") long surveyId, @Bind("days") Integer days);

    /** The oldest responses started before the cutoff, through ix_responses_survey_started. */
    @SqlQuery("""
            SELECT id FROM responses WHERE survey_id = :surveyId AND started_at < :cutoff
            ORDER BY started_at, id LIMIT :limit
            """)
    List<Long> startedBefore(@Bind("surveyId") long surveyId, @Bind("cutoff") long cutoff, @Bind("limit") int limit);
}
