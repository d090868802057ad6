-- Limits per organization, project or key, on all models ('*') or on one. Null: no limit.
create table limit_rules (
    scope               text not null check (scope in ('org', 'project', 'key')),
    subject_id          text not null,
    model               text not null default '*',
    requests_per_minute int,
    tokens_per_minute   bigint,
    monthly_budget      numeric(20, 10),
    currency            text,
    updated_at          timestamptz not null,
    primary key (scope, subject_id, model)
);

insert into limit_rules (scope, subject_id, model, requests_per_minute, tokens_per_minute, monthly_budget, currency,
                         updated_at)
select 'org', org_id, '*', requests_per_minute, tokens_per_minute, monthly_budget, currency, updated_at
from org_limits;

drop table org_limits;
