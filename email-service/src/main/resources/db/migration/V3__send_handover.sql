-- When the dispatcher wrote the terminating dot of an email's DATA (committed right after, before the server's reply).
-- A SENDING row left behind by a stopped dispatcher is then either marked (the server has it: record it as sent, do not
-- send it twice) or unmarked (sent again: at-least-once). Cleared by every new claim and retry.
ALTER TABLE email_send ADD COLUMN handed_over_at TIMESTAMPTZ;
