-- Clicks per link of each email, for link-level analytics: which destinations patients follow. One row per send and
-- destination (the click token names both); the row is a unique click of that link, clicks counts every follow
-- (a patient coming back; a mail scanner's visit on delivery is not one). Events stay one CLICKED per link: the inbox
-- decides those.
CREATE TABLE email_link_click (
    request_id       TEXT        NOT NULL REFERENCES email_send (request_id),
    url              TEXT        NOT NULL,
    clicks           BIGINT      NOT NULL,
    first_clicked_at TIMESTAMPTZ NOT NULL,
    last_clicked_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (request_id, url)
);
