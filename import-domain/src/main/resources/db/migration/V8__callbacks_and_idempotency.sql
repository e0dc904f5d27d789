-- Intake schema, version 8: completion callbacks and safe resubmission.
-- A token carries the secret its imports' callbacks are signed with; it is kept as it is, because the server
-- needs it to sign. A job remembers the idempotency key it was started with (unique per user) and the callback
-- it asked for. A finished job with a callback has one delivery, tried until a 2xx answer or for a day, and one
-- row per attempt. Settings that administrators change at run time (the hosts callbacks may reach) live in
-- admin_setting.

alter table api_token add column callback_secret varchar(100);

alter table import_job add column idempotency_key varchar(200);

alter table import_job add column callback_url varchar(2000);

alter table import_job add column callback_token_id varchar(36);

create unique index import_job_idempotency on import_job (created_by, idempotency_key);

create table callback_delivery (
    job_id            varchar(36)    primary key references import_job (id) on delete cascade,
    url               varchar(2000)  not null,
    token_id          varchar(36),
    state             varchar(20)    not null,
    attempts          integer        not null,
    first_attempt_at  timestamp,
    next_attempt_at   timestamp,
    delivered_at      timestamp,
    claimed_by        varchar(200),
    claimed_until     timestamp
);

create index callback_delivery_due on callback_delivery (state, next_attempt_at);

create table callback_attempt (
    id                varchar(36)    primary key,
    job_id            varchar(36)    not null references import_job (id) on delete cascade,
    attempt           integer        not null,
    at                timestamp      not null,
    status_code       integer,
    error             varchar(1000),
    next_attempt_at   timestamp,
    unique (job_id, attempt)
);

create table admin_setting (
    name              varchar(100)   primary key,
    setting_value     varchar(4000)  not null
);
