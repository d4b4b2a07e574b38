-- The audit trail also keeps the writes the service failed on (answered 500), so that no write of
-- a known caller goes unrecorded.
ALTER TABLE audit_writes
    DROP CONSTRAINT audit_writes_outcome_check,
    ADD CONSTRAINT audit_writes_outcome_check CHECK (outcome IN ('CREATED', 'APPENDED', 'CONFLICT',
        'INVALID', 'FORBIDDEN', 'NOT_FOUND', 'CONTENDED', 'TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE',
        'UNREADABLE', 'MALFORMED', 'TIMED_OUT', 'THROTTLED', 'FAILED'));
