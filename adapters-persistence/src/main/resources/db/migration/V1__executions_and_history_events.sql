-- One row per workflow execution: the summary the reads need, kept in step with its history in
-- the transaction that appends events. history_length is also the optimistic-lock version.
CREATE TABLE executions (
    id                 text        PRIMARY KEY,
    workspace_id       text        NOT NULL,
    run_id             text        NOT NULL,
    workflow_type      text        NOT NULL,
    task_queue         text        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED',
                                       'CANCELED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT')),
    start_time         timestamptz NOT NULL,
    execution_time     timestamptz NOT NULL,
    close_time         timestamptz,
    history_length     bigint      NOT NULL CHECK (history_length >= 1),
    parent_workflow_id text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Listing a workspace's executions, newest first, and finding the children of a workflow.
CREATE INDEX executions_workspace_start_idx ON executions (workspace_id, start_time DESC);
CREATE INDEX executions_parent_idx ON executions (parent_workflow_id)
    WHERE parent_workflow_id IS NOT NULL;

-- The events of every history. The primary key makes a duplicate event id impossible and is the
-- index that loads one history in id order.
--
-- timestamptz keeps microseconds while Temporal records nanoseconds, so the nanosecond of the
-- second is kept beside it. Payloads are `json`, not `jsonb`, which would reorder keys and respell
-- numbers: clients get the exact text that was recorded. `attributes` holds the kind's other
-- typed fields (see HistoryEventCodec), or for kinds the service does not read the attributes
-- exactly as recorded.
CREATE TABLE history_events (
    execution_id     text        NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    event_id         bigint      NOT NULL CHECK (event_id >= 1),
    kind             text        NOT NULL,
    event_type       text        NOT NULL,
    event_time       timestamptz NOT NULL,
    event_time_nanos integer     NOT NULL CHECK (event_time_nanos BETWEEN 0 AND 999999999),
    task_id          bigint      NOT NULL,
    fingerprint      text        NOT NULL,
    payload          json,
    payload_encoding text,
    payload_size     bigint,
    attributes       json        NOT NULL,
    PRIMARY KEY (execution_id, event_id),
    -- A payload is absent (all null), JSON, or unreadable (encoding and size), never two at once.
    CHECK (payload IS NULL OR payload_encoding IS NULL),
    CHECK ((payload_encoding IS NULL) = (payload_size IS NULL))
);
