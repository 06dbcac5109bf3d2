package livesurvey.survey;

import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

/** Writes survey definitions: create, new revisions, status, delete with everything it holds. */
@RegisterConstructorMapper(SurveyAdminDao.Listed.class)
@RegisterConstructorMapper(SurveyAdminDao.Count.class)
interface SurveyAdminDao extends SqlObject {

    /** A survey in the admin's list. */
    record Listed(long id, String slug, String title, String status, int revision) {
    }

    /** One survey-wide counter (responses, completed), summed over its slots. */
    record Count(long surveyId, String item, long amount) {
    }

    /** A question as stored: its JSON columns already encoded. */
    record QuestionColumns(long surveyId, String key, String label, String help, String kind, int step, int position,
                           boolean required, boolean unique, Integer minLength, Integer maxLength, String options,
                           String settings) {
    }

    @SqlQuery("SELECT id, slug, title, status, revision FROM surveys ORDER BY title, slug")
    List<Listed> all();

    @SqlQuery("""
            SELECT survey_id, item, SUM(amount) AS amount FROM summary_counters
            WHERE question_id = 0 GROUP BY survey_id, item
            """)
    List<Count> counts();

    @SqlQuery("SELECT MAX(updated_at) FROM responses WHERE survey_id = :surveyId")
    Long lastActivity(@Bind("surveyId") long surveyId);

    @SqlQuery("SELECT id FROM surveys WHERE slug = :slug")
    Optional<Long> idOf(@Bind("slug") String slug);

    @SqlUpdate("""
            INSERT INTO surveys (slug, title, intro, thank_you, revision, status, created_at)
            VALUES (:slug, :title, :intro, :thankYou, 1, 'open', :now)
            """)
    @GetGeneratedKeys("id")
    long insertSurvey(@Bind("slug") String slug, @Bind("title") String title, @Bind("intro") String intro,
                      @Bind("thankYou") String thankYou, @Bind("now") long now);

    @SqlUpdate("""
            UPDATE surveys SET title = :title, intro = :intro, thank_you = :thankYou, revision = :revision
            WHERE id = :id
            """)
    void updateSurvey(@Bind("id") long id, @Bind("title") String title, @Bind("intro") String intro,
                      @Bind("thankYou") String thankYou, @Bind("revision") int revision);

    @SqlUpdate("UPDATE surveys SET status = :status WHERE id = :id")
    int setStatus(@Bind("id") long id, @Bind("status") String status);

    @SqlUpdate("""
            INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required, is_unique,
                                   min_length, max_length, options, settings)
            VALUES (:surveyId, :key, :label, :help, :kind, :step, :position, :required, :unique,
                    :minLength, :maxLength, :options, :settings)
            """)
    void insertQuestion(@BindMethods QuestionColumns q);

    /** The question keeps its id (and so its answers); a removed one comes back. */
    @SqlUpdate("""
            UPDATE questions SET label = :label, help = :help, kind = :kind, step = :step, position = :position,
                   required = :required, is_unique = :unique, min_length = :minLength, max_length = :maxLength,
                   options = :options, settings = :settings, removed_in = NULL
            WHERE survey_id = :surveyId AND question_key = :key
            """)
    void updateQuestion(@BindMethods QuestionColumns q);

    @SqlUpdate("UPDATE questions SET removed_in = :revision WHERE id = :id")
    void markRemoved(@Bind("id") long id, @Bind("revision") int revision);

    /** A question nobody answered leaves no trace; one with answers is only marked removed. */
    @SqlUpdate("DELETE FROM questions WHERE id = :id AND NOT EXISTS (SELECT 1 FROM answers WHERE question_id = :id)")
    int deleteUnanswered(@Bind("id") long id);

    @SqlQuery("""
            SELECT 1 FROM answers a JOIN questions q ON q.id = a.question_id
            WHERE q.survey_id = :surveyId LIMIT 1
            """)
    Optional<Integer> anyAnswer(@Bind("surveyId") long surveyId);

    /** One index look-up on ix_answers_question_sort: a single choice's sort key is its value's. */
    @SqlQuery("""
            SELECT 1 FROM answers
            WHERE question_id = :questionId AND sort_value = :sortKey AND answer_value = :value LIMIT 1
            """)
    Optional<Integer> answerIs(@Bind("questionId") long questionId, @Bind("sortKey") String sortKey,
                               @Bind("value") String value);

    /** Checkbox answers are JSON arrays of strings: the option's JSON string inside one. */
    @SqlQuery("SELECT 1 FROM answers WHERE question_id = :questionId AND answer_value LIKE :pattern LIMIT 1")
    Optional<Integer> answerContains(@Bind("questionId") long questionId, @Bind("pattern") String pattern);

    @SqlUpdate("DELETE FROM changes WHERE survey_id = :surveyId")
    void deleteChanges(@Bind("surveyId") long surveyId);

    @SqlUpdate("DELETE FROM summary_counters WHERE survey_id = :surveyId")
    void deleteCounters(@Bind("surveyId") long surveyId);

    /** Their answers and unique claims go with them (ON DELETE CASCADE). */
    @SqlUpdate("DELETE FROM responses WHERE survey_id = :surveyId")
    int deleteResponses(@Bind("surveyId") long surveyId);

    @SqlUpdate("DELETE FROM questions WHERE survey_id = :surveyId")
    void deleteQuestions(@Bind("surveyId") long surveyId);

    @SqlUpdate("DELETE FROM surveys WHERE id = :surveyId")
    void deleteSurvey(@Bind("surveyId") long surveyId);
}
