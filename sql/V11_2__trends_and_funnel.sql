-- Trends (responses started and completed per hour and per day) and the drop-off funnel (how many
-- responses reached each step), kept as counters in the same transactions as the summary's, so
-- reading them never scans responses. Slotted like summary_counters: concurrent starts in the same
-- hour pick different rows; a reader sums the slots. Times are epoch milliseconds, buckets in UTC.

CREATE TABLE trend_counters (
    survey_id     BIGINT      NOT NULL,
    bucket        VARCHAR(4)  NOT NULL,  -- 'hour' or 'day'
    bucket_start  BIGINT      NOT NULL,  -- the bucket's first millisecond
    item          VARCHAR(16) NOT NULL,  -- 'started' or 'completed'
    slot          INT         NOT NULL,
    amount        BIGINT      NOT NULL,
    PRIMARY KEY (survey_id, bucket, bucket_start, item, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Responses that reached each step (current_step >= step; a completed response reached them all).
CREATE TABLE funnel_counters (
    survey_id  BIGINT NOT NULL,
    step       INT    NOT NULL,
    slot       INT    NOT NULL,
    amount     BIGINT NOT NULL,
    PRIMARY KEY (survey_id, step, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Counts for responses that exist already (a database upgraded to this version).
INSERT INTO trend_counters (survey_id, bucket, bucket_start, item, slot, amount)
    SELECT survey_id, 'hour', started_at - MOD(started_at, 3600000), 'started', 0, COUNT(*)
    FROM responses GROUP BY survey_id, started_at - MOD(started_at, 3600000);
INSERT INTO trend_counters (survey_id, bucket, bucket_start, item, slot, amount)
    SELECT survey_id, 'day', started_at - MOD(started_at, 86400000), 'started', 0, COUNT(*)
    FROM responses GROUP BY survey_id, started_at - MOD(started_at, 86400000);
INSERT INTO trend_counters (survey_id, bucket, bucket_start, item, slot, amount)
    SELECT survey_id, 'hour', completed_at - MOD(completed_at, 3600000), 'completed', 0, COUNT(*)
    FROM responses WHERE completed_at IS NOT NULL GROUP BY survey_id, completed_at - MOD(completed_at, 3600000);
INSERT INTO trend_counters (survey_id, bucket, bucket_start, item, slot, amount)
    SELECT survey_id, 'day', completed_at - MOD(completed_at, 86400000), 'completed', 0, COUNT(*)
    FROM responses WHERE completed_at IS NOT NULL GROUP BY survey_id, completed_at - MOD(completed_at, 86400000);
INSERT INTO funnel_counters (survey_id, step, slot, amount)
    SELECT r.survey_id, s.step, 0, COUNT(*)
    FROM responses r JOIN (SELECT DISTINCT survey_id, step FROM questions) s
        ON s.survey_id = r.survey_id AND (r.current_step >= s.step OR r.completed_at IS NOT NULL)
    GROUP BY r.survey_id, s.step;
