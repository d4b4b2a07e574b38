-- The audit trail of history writes: one row per batch a caller sent, accepted or refused. Rows are
-- only ever inserted. The caller is kept as it was at the time (key id and role), so revoking or
-- re-issuing keys later does not rewrite the past.
CREATE TABLE audit_writes (
    seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL,
    key_id          text        NOT NULL,
    role_type       text        NOT NULL CHECK (role_type IN ('USER', 'SERVICE')),
    role_workspace  text        NOT NULL,
    user_id         text,
    access_level    integer     NOT NULL CHECK (access_level IN (0, 999)),
    service_id      text,
    execution_id    text        NOT NULL,
    workspace_id    text        NOT NULL,
    first_event_id  bigint,
    last_event_id   bigint,
    batch_size      integer     NOT NULL CHECK (batch_size >= 0),
    appended        integer     NOT NULL CHECK (appended >= 0),
    duplicates      integer     NOT NULL CHECK (duplicates >= 0),
    outcome         text        NOT NULL CHECK (outcome IN ('CREATED', 'APPENDED', 'CONFLICT',
                                    'INVALID', 'FORBIDDEN', 'NOT_FOUND', 'CONTENDED')),
    detail          text
);

-- An admin reads the latest writes of one execution, or of all (the primary key serves that).
CREATE INDEX audit_writes_execution_idx ON audit_writes (execution_id, seq DESC);
