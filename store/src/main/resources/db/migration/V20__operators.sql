-- The people who use the operator console, and their sessions. A password is kept only as a
-- salted PBKDF2-HMAC-SHA256 hash; a session only as the SHA-256 of its token, so neither a copy of
-- the database nor a backup can be used to log in.
create table operators (
    name          text primary key check (name ~ '^[a-z][a-z0-9._-]{1,62}$'),
    role          text not null check (role in ('admin', 'compliance', 'finance')),
    password_hash text not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

create table operator_sessions (
    token_sha256 text primary key,
    operator     text not null references operators (name) on delete cascade,
    created_at   timestamptz not null,
    last_seen    timestamptz not null,
    expires_at   timestamptz not null
);
create index operator_sessions_operator on operator_sessions (operator);
