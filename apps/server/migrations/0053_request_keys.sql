-- A request key the client sends with what it creates (the Idempotency-Key header): a retried or doubled submission
-- finds the order or ticket its first attempt created instead of creating a second one. Unique per user who sent it.
ALTER TABLE orders ADD COLUMN request_key text;
CREATE UNIQUE INDEX orders_request_key_idx ON orders (created_by, request_key) WHERE request_key IS NOT NULL;
ALTER TABLE tickets ADD COLUMN request_key text;
CREATE UNIQUE INDEX tickets_request_key_idx ON tickets (created_by, request_key) WHERE request_key IS NOT NULL;
