-- The days and local hours a journey's emails may go out in (JourneySettings.sendWindow), carried by each of its send
-- requests; email-service holds an email asked for outside them. ISO day numbers ("1,2,3,4,5", Monday 1) and the
-- hours, the end exclusive; all three null when the journey has no window.
ALTER TABLE journey ADD COLUMN send_window_days TEXT;
ALTER TABLE journey ADD COLUMN send_window_from TIME;
ALTER TABLE journey ADD COLUMN send_window_until TIME;
ALTER TABLE journey ADD CONSTRAINT journey_send_window_whole CHECK (
    (send_window_days IS NULL) = (send_window_from IS NULL) AND (send_window_days IS NULL) = (send_window_until IS NULL));
