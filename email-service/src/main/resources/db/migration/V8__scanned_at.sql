-- Every email carries a hidden link no patient can see or follow; a program that fetches it is a mail scanner at
-- work. The time of its last fetch: opens and clicks within emails.engagement.scanner-window of it are the scanner's.
ALTER TABLE email_send ADD COLUMN scanned_at TIMESTAMPTZ;
