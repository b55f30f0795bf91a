-- Jobs runner, webhook delivery records, SMS outbox screen.

-- Cleanup deletes finished jobs by age; without this it would scan the whole table.
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE status IN ('done', 'failed');

-- The outbox screen filters by status and lists newest first.
CREATE INDEX sms_messages_status_idx ON sms_messages (status, created_at DESC);

-- One row per delivery (subscription × event key), updated on each attempt.
ALTER TABLE webhook_deliveries ADD COLUMN error text;
ALTER TABLE webhook_deliveries ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE webhook_deliveries ADD COLUMN delivered_at timestamptz;
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC);
