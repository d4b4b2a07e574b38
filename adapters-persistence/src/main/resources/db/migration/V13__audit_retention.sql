-- Entries older than the retention period are forgotten by time of entry: find them by it.
CREATE INDEX audit_writes_at_idx ON audit_writes (at);
