-- Who fetched an email's trap link: a keyed digest of the client address and the send request (never the address).
-- Only hits from the same address within the scanner window after it are taken for the scanner's.
ALTER TABLE email_send ADD COLUMN scanned_by TEXT;
