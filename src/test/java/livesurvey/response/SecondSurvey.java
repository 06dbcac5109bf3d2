package livesurvey.response;

import org.jdbi.v3.core.Jdbi;

/** A second survey, added as data, for tests that a respondent of one cannot reach into another. */
final class SecondSurvey {
    static final String SLUG = "second";

    private SecondSurvey() {
    }

    /** Creates it (one required text question, {@code name}) and returns its id. */
    static long create(Jdbi jdbi) {
        return jdbi.withHandle(h -> {
            h.execute("INSERT INTO surveys (slug, title, intro, thank_you) VALUES (?, 'Second', 'Another one.', 'Thanks.')",
                    SLUG);
            long id = h.createQuery("SELECT id FROM surveys WHERE slug = :slug").bind("slug", SLUG)
                    .mapTo(Long.class).one();
            h.execute("""
                    INSERT INTO questions (survey_id, question_key, label, help, kind, step, position, required,
                        is_unique, min_length, max_length, options)
                    VALUES (?, 'name', 'Name', '', 'text', 1, 1, TRUE, FALSE, 1, 100, '[]')
                    """, id);
            return id;
        });
    }
}
