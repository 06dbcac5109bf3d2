-- One portable schema for H2 (MODE=MySQL), MySQL 8 and MariaDB 10.11.
-- Times are epoch milliseconds (BIGINT): no time-zone conversion anywhere.

CREATE TABLE surveys (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    slug        VARCHAR(64)   NOT NULL,
    title       VARCHAR(200)  NOT NULL,
    intro       VARCHAR(2000) NOT NULL,
    thank_you   VARCHAR(2000) NOT NULL,
    revision    INT           NOT NULL DEFAULT 1,
    CONSTRAINT uq_surveys_slug UNIQUE (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE questions (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    survey_id    BIGINT       NOT NULL,
    question_key VARCHAR(64)  NOT NULL,
    label        VARCHAR(200) NOT NULL,
    help         VARCHAR(500) NOT NULL DEFAULT '',
    kind         VARCHAR(16)  NOT NULL,
    step         INT          NOT NULL,
    position     INT          NOT NULL,
    required     BOOLEAN      NOT NULL DEFAULT FALSE,
    is_unique    BOOLEAN      NOT NULL DEFAULT FALSE,
    min_length   INT          NULL,
    max_length   INT          NULL,
    -- JSON array of {"value","label"}; empty for free-text questions.
    options      TEXT         NOT NULL,
    CONSTRAINT uq_questions_survey_key UNIQUE (survey_id, question_key),
    CONSTRAINT fk_questions_survey FOREIGN KEY (survey_id) REFERENCES surveys (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_questions_survey_order ON questions (survey_id, step, position);

CREATE TABLE responses (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    survey_id     BIGINT      NOT NULL,
    -- SHA-256 (hex) of the respondent's cookie token; the token itself is never stored.
    token_hash    CHAR(64)    NULL,
    current_step  INT         NOT NULL DEFAULT 1,
    editing_key   VARCHAR(64) NULL,
    started_at    BIGINT      NOT NULL,
    updated_at    BIGINT      NOT NULL,
    completed_at  BIGINT      NULL,
    CONSTRAINT uq_responses_token UNIQUE (token_hash),
    CONSTRAINT fk_responses_survey FOREIGN KEY (survey_id) REFERENCES surveys (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Dashboard default order and keyset paging: newest first within a survey.
CREATE INDEX ix_responses_survey_started ON responses (survey_id, started_at, id);
CREATE INDEX ix_responses_survey_updated ON responses (survey_id, updated_at, id);
CREATE INDEX ix_responses_survey_completed ON responses (survey_id, completed_at, id);

CREATE TABLE answers (
    response_id  BIGINT       NOT NULL,
    question_id  BIGINT       NOT NULL,
    -- The respondent's text as typed; a JSON array for checkbox questions.
    answer_value TEXT         NOT NULL,
    -- Bounded copy of the value for sorting a column of the dashboard.
    sort_value   VARCHAR(191) NOT NULL,
    valid        BOOLEAN      NOT NULL,
    error        VARCHAR(200) NULL,
    updated_at   BIGINT       NOT NULL,
    PRIMARY KEY (response_id, question_id),
    CONSTRAINT fk_answers_response FOREIGN KEY (response_id) REFERENCES responses (id) ON DELETE CASCADE,
    CONSTRAINT fk_answers_question FOREIGN KEY (question_id) REFERENCES questions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Sorting the dashboard by one question's answers, keyset-paged.
CREATE INDEX ix_answers_question_sort ON answers (question_id, sort_value, response_id);

-- Values of unique questions, claimed by one response each; the primary key is the guard.
CREATE TABLE unique_claims (
    question_id  BIGINT   NOT NULL,
    value_hash   CHAR(64) NOT NULL,
    response_id  BIGINT   NOT NULL,
    PRIMARY KEY (question_id, value_hash),
    CONSTRAINT fk_claims_response FOREIGN KEY (response_id) REFERENCES responses (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_claims_response ON unique_claims (response_id, question_id);
