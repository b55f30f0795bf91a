-- An order remembers its customer's signature (SPEC M5 → M4): the signing module announces a completed signing and
-- the ordering module records it here. The signing request is named by its id and number only: no foreign key into
-- another module's tables.
ALTER TABLE orders
  ADD COLUMN signed_at           timestamptz,
  ADD COLUMN signing_number      text,
  ADD COLUMN signing_request_id  integer,
  ADD COLUMN signer_name         text;
