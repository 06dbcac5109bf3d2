package livesurvey.survey;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

import java.util.List;
import java.util.Optional;

/** Reads survey definitions. */
@RegisterConstructorMapper(SurveyDao.SurveyRow.class)
@RegisterConstructorMapper(SurveyDao.QuestionRow.class)
public interface SurveyDao {

    record SurveyRow(long id, String slug, String title, String intro, String thankYou, int revision, String status) {
    }

    record QuestionRow(long id, String questionKey, String label, String help, String kind, int step,
                       int position, boolean required, boolean isUnique, Integer minLength, Integer maxLength,
                       String options, String settings, Integer removedIn) {
    }

    @SqlQuery("SELECT id, slug, title, intro, thank_you, revision, status FROM surveys WHERE slug = :slug")
    Optional<SurveyRow> findBySlug(@Bind("slug") String slug);

    /** Every question the survey ever had, removed ones included, in step order. */
    @SqlQuery("""
            SELECT id, question_key, label, help, kind, step, position, required, is_unique,
                   min_length, max_length, options, settings, removed_in
            FROM questions WHERE survey_id = :surveyId ORDER BY step, position
            """)
    List<QuestionRow> questions(@Bind("surveyId") long surveyId);
}
