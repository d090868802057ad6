-- Uploaded files: metadata here, content under the node's data directory.
create table api_file (
    id          text primary key,
    org_id      text not null,
    purpose     text not null,
    filename    text not null,
    bytes       bigint not null,
    created_at  bigint not null,
    path        text not null
);
create index api_file_org on api_file (org_id, created_at);

-- Batches the gateway runs itself, on behalf of the key that created them.
create table api_batch (
    id                 text primary key,
    org_id             text not null,
    key_id             text not null,
    endpoint           text not null,
    input_file_id      text not null,
    completion_window  text not null,
    status             text not null,
    created_at         bigint not null,
    in_progress_at     bigint,
    finalizing_at      bigint,
    completed_at       bigint,
    failed_at          bigint,
    cancelling_at      bigint,
    cancelled_at       bigint,
    expires_at         bigint not null,
    output_file_id     text,
    error_file_id      text,
    total              int not null default 0,
    errors             text,
    metadata           text
);
create index api_batch_org on api_batch (org_id, created_at);

-- One row per finished line: what makes a restart resume with no line lost or run twice.
create table api_batch_line (
    batch_id    text not null,
    custom_id   text not null,
    line_no     int not null,
    ok          boolean not null,
    result      text not null,
    primary key (batch_id, custom_id)
);
