-- Responses kept for GET /v1/responses/{id} and previous_response_id, per organization. Written
-- behind by the node that served them; read only when that node's memory does not hold them.
create table stored_response (
    org_id        text not null,
    id            text not null,
    created_at    bigint not null,
    response      text not null,
    conversation  text not null,
    primary key (org_id, id)
);
