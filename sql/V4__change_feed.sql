-- The change feed every instance follows to push live updates (SSE) to its dashboards.
-- One row per changed response per transaction; rows older than a few minutes are pruned.
CREATE TABLE changes (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    survey_id   BIGINT     NOT NULL,
    response_id BIGINT     NOT NULL,
    kind        VARCHAR(8) NOT NULL,
    created_at  BIGINT     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Pruning by age.
CREATE INDEX ix_changes_created ON changes (created_at);
