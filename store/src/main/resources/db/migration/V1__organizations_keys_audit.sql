-- Organizations, their projects and API keys, and the audit chain.

create table organizations (
    id                  text primary key,
    legal_name          text not null,
    registration_number text,
    market              text not null,
    kind                text not null check (kind in ('enterprise', 'individual')),
    state               text not null check (state in ('pending', 'verified', 'rejected', 'suspended')),
    contacts            text not null default '[]',
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create table projects (
    id         text primary key,
    org_id     text not null references organizations (id),
    name       text not null,
    created_at timestamptz not null,
    unique (org_id, name)
);

-- A key is stored as the SHA-256 of its secret part, found by its public prefix.
create table api_keys (
    id         text primary key,
    prefix     text not null unique,
    secret_sha256 text not null,
    org_id     text not null references organizations (id),
    project_id text references projects (id),
    name       text not null,
    models     text not null default '',
    expires_at timestamptz,
    revoked_at timestamptz,
    created_at timestamptz not null
);
create index api_keys_org on api_keys (org_id);

-- Append-only; each entry carries the hash of the one before it.
create table audit_log (
    seq       bigint primary key,
    at        timestamptz not null,
    actor     text not null,
    action    text not null,
    subject   text not null,
    detail    text not null,
    prev_hash text not null,
    hash      text not null
);

-- Bumped by every change that the gateway's in-memory snapshot must see; replicas poll it.
create table state_version (
    id      int primary key check (id = 1),
    version bigint not null
);
insert into state_version (id, version) values (1, 0);
