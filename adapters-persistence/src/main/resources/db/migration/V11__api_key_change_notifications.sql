-- Every change to a stored key is announced on channel wfx_api_keys when its transaction commits,
-- so each running wfx forgets the key lookups it holds in memory, whichever process or plain SQL
-- made the change. The payload is the key's id ('' for TRUNCATE): each listener confirms it on
-- wfx_api_keys_seen, and a wfx that revokes a key waits for those confirmations.
-- Inserts are not announced: a lookup that finds no key is never kept, so a new key needs no notice.
CREATE FUNCTION announce_api_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'ROW' THEN
        PERFORM pg_notify('wfx_api_keys', OLD.id);
    ELSE
        PERFORM pg_notify('wfx_api_keys', '');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_changed AFTER UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION announce_api_key_change();

CREATE TRIGGER api_keys_truncated AFTER TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION announce_api_key_change();
