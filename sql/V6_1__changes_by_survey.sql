-- The sync API and dashboard replays read one survey's changes after a cursor.
CREATE INDEX ix_changes_survey_id ON changes (survey_id, id);
