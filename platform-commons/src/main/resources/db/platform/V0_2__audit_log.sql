-- Append-only audit log: who (token subject) did what to which resource, when, and the response status.
CREATE TABLE audit_log (
    id            UUID PRIMARY KEY,
    at            TIMESTAMPTZ NOT NULL,
    subject       TEXT        NOT NULL,
    roles         TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    method        TEXT        NOT NULL,
    path          TEXT        NOT NULL,
    resource_type TEXT,
    resource_id   TEXT,
    status        INT         NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at DESC);
CREATE INDEX audit_log_by_subject ON audit_log (subject, at DESC);
CREATE INDEX audit_log_by_resource ON audit_log (resource_type, resource_id, at DESC);

-- The application's role may insert and read, never rewrite history.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
