-- Retention (issue 13): delete a survey's responses older than this many days. NULL: the default
-- from LIVESURVEY_RETENTION_DAYS, or kept until deleted when that is not set either.
ALTER TABLE surveys ADD COLUMN retention_days INT NULL;
