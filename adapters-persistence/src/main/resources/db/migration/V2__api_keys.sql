-- API keys: only the SHA-256 digest of a secret is stored, looked up through its unique index.
CREATE TABLE api_keys (
    id           text        PRIMARY KEY,
    digest       text        NOT NULL UNIQUE,
    role_type    text        NOT NULL CHECK (role_type IN ('USER', 'SERVICE')),
    workspace_id text        NOT NULL,
    user_id      text,
    access_level integer     NOT NULL CHECK (access_level IN (0, 999)),
    service_id   text,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);

CREATE INDEX api_keys_created_idx ON api_keys (created_at, id);
