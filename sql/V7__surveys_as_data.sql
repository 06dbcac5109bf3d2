-- Surveys as data (issue 8): any survey created, edited, opened and closed by an admin.
-- Portable across H2 (MODE=MySQL), MySQL 8 and MariaDB 10.11.

-- open: takes responses; closed: its page says so, its dashboard and exports keep working.
ALTER TABLE surveys ADD COLUMN status VARCHAR(8) NOT NULL DEFAULT 'open';
ALTER TABLE surveys ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;

-- Type-specific settings as JSON: number bounds, checkbox picks, and the summaries the dashboard shows.
ALTER TABLE questions ADD COLUMN settings TEXT NULL;
-- The revision that removed the question; NULL while it is part of the survey. Removed questions
-- keep their row (and id), so their answers stay attached and the exports still show them.
ALTER TABLE questions ADD COLUMN removed_in INT NULL;

-- The default survey's summary, as data: the cards the dashboard has always shown.
UPDATE questions SET settings = '{"summaries":[{"kind":"average","name":"averageAge","title":"Average age"}]}'
    WHERE question_key = 'age' AND survey_id IN (SELECT id FROM surveys WHERE slug = 'default');
UPDATE questions SET settings = '{"summaries":[{"kind":"shares","name":"genders","title":"Gender"}]}'
    WHERE question_key = 'gender' AND survey_id IN (SELECT id FROM surveys WHERE slug = 'default');
UPDATE questions SET settings = '{"summaries":[{"kind":"top","name":"topColours","title":"Top colours","size":3}]}'
    WHERE question_key = 'colours' AND survey_id IN (SELECT id FROM surveys WHERE slug = 'default');
