-- 企业认证: whether an enterprise has proved who it is (once, decoupled from ordering). Only a certified enterprise
-- can order in the shop. Staff-registered customers start uncertified like self-registered ones.
ALTER TABLE customers
  ADD COLUMN certification_status text NOT NULL DEFAULT 'none'
    CHECK (certification_status IN ('none', 'pending', 'certified', 'rejected')),
  ADD COLUMN certification_method text
    CHECK (certification_method IN ('bank_transfer', 'legal_rep_sms', 'licence_photo', 'e_licence', 'staff')),
  ADD COLUMN certified_at timestamptz,
  -- The legal representative as the certification recorded it (online signing matches ID names against it).
  ADD COLUMN legal_rep_name text;
