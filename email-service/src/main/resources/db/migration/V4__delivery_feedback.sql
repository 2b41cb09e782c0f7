-- What the relay reported about an email after accepting it: a bounce (the mailbox does not exist, or is full) or
-- the patient's spam complaint. The most severe notice is kept: SOFT_BOUNCE < HARD_BOUNCE < COMPLAINT.
ALTER TABLE email_send ADD COLUMN feedback TEXT CHECK (feedback IN ('SOFT_BOUNCE', 'HARD_BOUNCE', 'COMPLAINT'));
ALTER TABLE email_send ADD COLUMN feedback_at TIMESTAMPTZ;
