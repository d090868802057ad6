-- The market policy in force across replicas: each change, as the text that was validated. Every
-- replica serves the newest row; the audit chain records who changed it.
create table policy_versions (
    id         bigserial primary key,
    sha256     text not null,
    body       text not null,
    source     text not null,
    actor      text not null,
    at         timestamptz not null
);
create index policy_versions_sha256 on policy_versions (sha256);
