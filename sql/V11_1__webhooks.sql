-- Webhooks: endpoints per survey, and a durable outbox of deliveries.
-- Portable across H2 (MODE=MySQL), MySQL 8 and MariaDB 10.11. Times are epoch milliseconds.

CREATE TABLE webhook_endpoints (
    id                   BIGINT AUTO_INCREMENT PRIMARY KEY,
    survey_id            BIGINT        NOT NULL,
    url                  VARCHAR(2000) NOT NULL,
    -- Comma-separated event types, e.g. 'response.completed,response.deleted'.
    events               VARCHAR(200)  NOT NULL,
    -- The signing key. Kept as is: HMAC needs it, so it cannot be hashed like a token.
    secret               VARCHAR(100)  NOT NULL,
    enabled              BOOLEAN       NOT NULL DEFAULT TRUE,
    disabled_reason      VARCHAR(500)  NULL,
    consecutive_failures INT           NOT NULL DEFAULT 0,
    created_at           BIGINT        NOT NULL,
    updated_at           BIGINT        NOT NULL,
    CONSTRAINT fk_webhook_endpoints_survey FOREIGN KEY (survey_id) REFERENCES surveys (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE INDEX ix_webhook_endpoints_survey ON webhook_endpoints (survey_id, id);

-- One row per event per endpoint, written in the transaction of the change it reports.
--   status: pending (due at next_attempt_at), delivered, failed (gave up), paused (endpoint disabled)
-- A claim sets claim_token and moves next_attempt_at to the end of its lease, so a delivery whose
-- instance died becomes due again by itself; only the claim's holder may record the outcome.
CREATE TABLE webhook_deliveries (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    endpoint_id      BIGINT       NOT NULL,
    event_id         VARCHAR(40)  NOT NULL,
    event_type       VARCHAR(40)  NOT NULL,
    payload          MEDIUMTEXT   NOT NULL,
    status           VARCHAR(12)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  BIGINT       NOT NULL,
    claim_token      VARCHAR(40)  NULL,
    last_status_code INT          NULL,
    last_error       VARCHAR(500) NULL,
    created_at       BIGINT       NOT NULL,
    delivered_at     BIGINT       NULL,
    CONSTRAINT fk_webhook_deliveries_endpoint FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id)
        ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The dispatchers' question: what is due now.
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
-- The delivery log of one endpoint, newest first.
CREATE INDEX ix_webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);
