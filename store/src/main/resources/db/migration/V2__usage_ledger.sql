-- One row per served request, idempotent by request id: replaying the spool never doubles a record.
create table usage_ledger (
    request_id          text primary key,
    at                  timestamptz not null,
    org_id              text not null,
    project_id          text,
    key_id              text not null,
    market              text not null,
    model               text not null,
    deployment          text not null,
    region              text not null,
    status              int not null,
    stream              boolean not null,
    input_tokens        bigint not null,
    output_tokens       bigint not null,
    cached_input_tokens bigint not null,
    estimated           boolean not null,
    latency_us          bigint not null,
    cost                numeric(20, 10) not null,
    currency            text not null,
    price_version       text not null
);
create index usage_ledger_org_at on usage_ledger (org_id, at);
create index usage_ledger_market_at on usage_ledger (market, at);
