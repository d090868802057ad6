-- Every screening of an organization against the denied-party lists: the decision, the full result
-- (query, hits with scores and explanations, list versions) and, for block or review, how a
-- reviewer resolved it.
create table screenings (
    id          text primary key,
    org_id      text not null references organizations (id),
    screened_at timestamptz not null,
    trigger     text not null,
    decision    text not null check (decision in ('block', 'review', 'clear', 'unscreened')),
    top_score   numeric(6, 5) not null,
    result      text not null,
    status      text not null check (status in ('open', 'resolved', 'none')),
    resolution  text check (resolution in ('cleared', 'confirmed')),
    reviewer    text,
    reason      text,
    resolved_at timestamptz
);
create index screenings_org on screenings (org_id, screened_at desc);
