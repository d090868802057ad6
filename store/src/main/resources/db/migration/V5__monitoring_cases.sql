-- Monitoring's throttles are limit rules of their own scope, beside the operator's.
alter table limit_rules drop constraint limit_rules_scope_check;
alter table limit_rules add constraint limit_rules_scope_check check (scope in ('org', 'project', 'key', 'throttle'));

-- The review queue: one case per organization the monitoring engine found suspicious, with the
-- evidence at the time, what was done automatically, and what a reviewer decided.
create table monitor_cases (
    id           text primary key,
    org_id       text not null references organizations (id),
    opened_at    timestamptz not null,
    updated_at   timestamptz not null,
    risk         numeric(6, 5) not null,
    verdict      text not null,
    tier         text not null,
    evidence     text not null,
    action       text not null default 'none' check (action in ('none', 'throttle', 'suspend')),
    status       text not null default 'open' check (status in ('open', 'approved', 'dismissed')),
    reviewer     text,
    note         text,
    decided_at   timestamptz
);
create index monitor_cases_org on monitor_cases (org_id, status);
