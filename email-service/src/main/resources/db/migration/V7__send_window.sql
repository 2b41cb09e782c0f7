-- A journey's send window travels with each of its send requests and stays with the send: one that comes due later
-- (after waiting for a profile, or for a retry) is checked against it again. Text such as "1,2,3,4,5 09:00-17:00"
-- (ISO days, Monday 1; local hours, the end exclusive); null: any time.
ALTER TABLE email_send ADD COLUMN send_window TEXT;
