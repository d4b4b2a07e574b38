-- The audit trail also keeps the writes refused before their batch was judged: a body over the
-- size limit, not JSON, unreadable, not a Temporal history, or a request past its deadline.
ALTER TABLE audit_writes
    DROP CONSTRAINT audit_writes_outcome_check,
    ADD CONSTRAINT audit_writes_outcome_check CHECK (outcome IN ('CREATED', 'APPENDED', 'CONFLICT',
        'INVALID', 'FORBIDDEN', 'NOT_FOUND', 'CONTENDED', 'TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE',
        'UNREADABLE', 'MALFORMED', 'TIMED_OUT'));
