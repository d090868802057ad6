-- Per-organization limits: requests and tokens per minute, spend per calendar month. Null: no limit.
create table org_limits (
    org_id              text primary key references organizations (id),
    requests_per_minute int,
    tokens_per_minute   bigint,
    monthly_budget      numeric(20, 10),
    currency            text,
    updated_at          timestamptz not null
);
