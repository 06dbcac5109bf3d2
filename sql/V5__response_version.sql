-- Every write to a response (an answer, a step, completion, reset) increments its version, so
-- completion can tell that no answer landed after the ones it validated; a millisecond timestamp
-- cannot tell two writes in one millisecond apart.
ALTER TABLE responses ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
