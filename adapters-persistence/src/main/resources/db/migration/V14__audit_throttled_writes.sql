-- The audit trail also keeps writes refused because the key, or the service, had as many writes in
-- flight as allowed.
ALTER TABLE audit_writes
    DROP CONSTRAINT audit_writes_outcome_check,
    ADD CONSTRAINT audit_writes_outcome_check CHECK (outcome IN ('CREATED', 'APPENDED', 'CONFLICT',
        'INVALID', 'FORBIDDEN', 'NOT_FOUND', 'CONTENDED', 'TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE',
        'UNREADABLE', 'MALFORMED', 'TIMED_OUT', 'THROTTLED'));
