-- One row per scheduled job that must run on one instance at a time (feed pruning, retention,
-- webhook delivery...). The instance whose lease has not expired holds the job; it renews the
-- lease while it lives, and another instance takes it over once it has expired.
CREATE TABLE job_leases (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    owner       VARCHAR(100) NOT NULL,
    expires_at  BIGINT       NOT NULL,
    last_run_at BIGINT       NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
