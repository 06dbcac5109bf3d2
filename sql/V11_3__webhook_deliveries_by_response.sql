-- Which response a delivery reports, so erasing a response also erases the deliveries that carry
-- its answers (the outbox and the delivery log keep payloads for up to 30 days).
ALTER TABLE webhook_deliveries ADD COLUMN response_id BIGINT NULL;
CREATE INDEX ix_webhook_deliveries_response ON webhook_deliveries (response_id);
