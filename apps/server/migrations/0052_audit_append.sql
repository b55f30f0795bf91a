-- Appends one event to the audit hash chain in one round trip, inside the caller's transaction: takes the chain lock
-- (held until that transaction ends), reads the last link and inserts the next one with its hash. Before, the lock
-- was held across three round trips (lock, read, insert) and the commit, and every audited write in the system queued
-- behind that. In READ COMMITTED each statement here takes a new snapshot, so the read after the lock sees the link
-- the previous holder committed.
--
-- The hash is SHA-256 of the event's canonical JSON (audit-hash.ts: keys sorted at every level). Only the chain knows
-- two of its values, prevHash and seq; the caller sends the rest of the text in three pieces around them
-- (`pre` ends with `"prevHash":`, `mid` with `"seq":`), so the hash is the one auditHash computes and verification
-- re-computes.
CREATE FUNCTION audit_append(
  p_lock bigint,
  p_pre text,
  p_mid text,
  p_post text,
  p_occurred_at timestamptz,
  p_actor_id integer,
  p_actor_name text,
  p_action text,
  p_entity_type text,
  p_entity_id text,
  p_ip text,
  p_user_agent text,
  p_request_id text,
  p_before jsonb,
  p_after jsonb
) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  last_seq bigint;
  last_hash text;
  next_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
  next_seq := coalesce(last_seq, 0) + 1;
  last_hash := coalesce(last_hash, repeat('0', 64)); -- the first event links to GENESIS_HASH (audit-hash.ts)
  INSERT INTO audit_events (seq, occurred_at, actor_id, actor_name, action, entity_type, entity_id, ip, user_agent,
                            request_id, before, after, prev_hash, hash)
  VALUES (next_seq, p_occurred_at, p_actor_id, p_actor_name, p_action, p_entity_type, p_entity_id, p_ip, p_user_agent,
          p_request_id, p_before, p_after, last_hash,
          encode(sha256(convert_to(p_pre || to_json(last_hash)::text || p_mid || next_seq::text || p_post, 'UTF8')),
                 'hex'));
  RETURN next_seq;
END $$;
