-- Journey instances that left early (journeys.instance-ended): a request of one that arrives later, or a held send of
-- one that comes due, is suppressed (JOURNEY_ENDED). Ids only; rows older than emails.journey-ends.keep are deleted.
CREATE TABLE journey_instance_ended (
    instance_id text PRIMARY KEY,
    ended_at    timestamptz NOT NULL
);
CREATE INDEX journey_instance_ended_at ON journey_instance_ended (ended_at);

-- The sends an ended instance may still withdraw. Only waiting rows are in it: a send taken over at intake is
-- inserted SENDING and never enters, so the hot path pays nothing for it.
CREATE INDEX email_send_waiting ON email_send (instance_id) WHERE status IN ('QUEUED', 'DEFERRED');
