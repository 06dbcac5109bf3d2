-- Admin accounts, their sessions, API tokens for scripts, and the summary's counters.
-- Portable across H2 (MODE=MySQL), MySQL 8 and MariaDB 10.11. Times are epoch milliseconds.

CREATE TABLE admins (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL,
    -- bcrypt, with its cost and salt inside the string.
    password_hash  VARCHAR(100) NOT NULL,
    created_at     BIGINT       NOT NULL,
    CONSTRAINT uq_admins_username UNIQUE (username)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Server-side sessions, shared by every instance. Only the SHA-256 (hex) of the cookie is stored.
CREATE TABLE admin_sessions (
    token_hash  CHAR(64) NOT NULL PRIMARY KEY,
    admin_id    BIGINT   NOT NULL,
    created_at  BIGINT   NOT NULL,
    expires_at  BIGINT   NOT NULL,
    CONSTRAINT fk_admin_sessions_admin FOREIGN KEY (admin_id) REFERENCES admins (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Purging expired sessions.
CREATE INDEX ix_admin_sessions_expires ON admin_sessions (expires_at);

-- Bearer tokens for scripts; only the SHA-256 (hex) of the token is stored.
CREATE TABLE api_tokens (
    token_hash  CHAR(64)     NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    created_at  BIGINT       NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The summary's aggregates, changed in the same transaction as the change they count:
--   question_id 0, item 'responses'  every response of the survey (changes on start and delete)
--   question_id 0, item 'completed'  completed responses (changes on completion and delete)
--   question_id q, item = option     completed responses that chose that option of choice question q
-- Each counter is spread over a few slot rows, so concurrent starts do not queue on one row lock;
-- a reader sums the slots.
CREATE TABLE summary_counters (
    survey_id    BIGINT       NOT NULL,
    question_id  BIGINT       NOT NULL,
    item         VARCHAR(191) NOT NULL,
    slot         INT          NOT NULL,
    amount       BIGINT       NOT NULL,
    PRIMARY KEY (survey_id, question_id, item, slot)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Counts for responses that exist already (a database upgraded to this version). Checkbox answers
-- (JSON arrays) cannot be split portably in SQL; before this version no dashboard read them.
INSERT INTO summary_counters (survey_id, question_id, item, slot, amount)
    SELECT survey_id, 0, 'responses', 0, COUNT(*) FROM responses GROUP BY survey_id;
INSERT INTO summary_counters (survey_id, question_id, item, slot, amount)
    SELECT survey_id, 0, 'completed', 0, COUNT(*) FROM responses WHERE completed_at IS NOT NULL GROUP BY survey_id;
INSERT INTO summary_counters (survey_id, question_id, item, slot, amount)
    SELECT r.survey_id, a.question_id, a.answer_value, 0, COUNT(*)
    FROM answers a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id
    WHERE r.completed_at IS NOT NULL AND a.valid AND q.kind IN ('select', 'radio')
    GROUP BY r.survey_id, a.question_id, a.answer_value;

-- The unanswered rows of a column sorted by a question: responses of a survey in id order.
CREATE INDEX ix_responses_survey_id ON responses (survey_id, id);
