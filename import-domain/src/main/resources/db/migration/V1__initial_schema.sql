-- Intake schema, version 1. Written for PostgreSQL and for H2 in PostgreSQL mode alike.

create table app (
    entity          varchar(100)  primary key,
    label           varchar(255)  not null,
    match_rules     varchar(2000)
);

create table app_field (
    entity           varchar(100)  not null references app (entity) on delete cascade,
    field_position   integer       not null,
    name             varchar(100)  not null,
    label            varchar(255),
    type             varchar(20)   not null,
    required         boolean       not null,
    is_unique        boolean       not null,
    max_length       integer,
    choices          varchar(4000),
    reference_entity varchar(100),
    primary key (entity, field_position)
);

create table user_account (
    username        varchar(100)  primary key,
    password_hash   varchar(255)  not null,
    roles           varchar(1000) not null,
    created_at      timestamp     not null
);

create table api_token (
    id              varchar(36)   primary key,
    username        varchar(100)  not null references user_account (username),
    name            varchar(255)  not null,
    token_hash      varchar(64)   not null unique,
    created_at      timestamp     not null,
    expires_at      timestamp,
    last_used_at    timestamp,
    revoked_at      timestamp
);

create table import_job (
    id              varchar(36)   primary key,
    entity          varchar(100)  not null,
    file_name       varchar(500)  not null,
    status          varchar(20)   not null,
    processed       integer       not null,
    added           integer       not null,
    updated         integer       not null,
    failed          integer       not null,
    created_by      varchar(100)  not null,
    created_at      timestamp     not null,
    started_at      timestamp,
    finished_at     timestamp,
    expires_at      timestamp     not null,
    encoding        varchar(50),
    delimiter_char  varchar(1),
    date_format     varchar(100),
    locale_tag      varchar(50),
    ignore_unknown  boolean       not null,
    max_errors      integer       not null,
    message         varchar(4000),
    checkpoint_line integer       not null,
    upload_path     varchar(1000),
    cancel_requested boolean      not null
);

create index import_job_by_entity on import_job (entity, created_at);
create index import_job_by_status on import_job (status);

create table row_error (
    job_id          varchar(36)   not null references import_job (id) on delete cascade,
    seq             integer       not null,
    line            integer       not null,
    column_name     varchar(500),
    cell_value      text,
    code            varchar(50)   not null,
    message         varchar(2000) not null,
    primary key (job_id, seq)
);

create sequence crm_record_ids start with 1 increment by 1000;

create table crm_record (
    id              bigint        primary key,
    entity          varchar(100)  not null,
    created_at      timestamp     not null,
    updated_at      timestamp     not null,
    field_values    text          not null
);

create index crm_record_by_entity on crm_record (entity, id);

-- One row per match rule of a record: the unique constraint keeps concurrent imports from creating twins.
create table crm_record_key (
    entity          varchar(100)  not null,
    rule_no         integer       not null,
    key_value       varchar(2000) not null,
    record_id       bigint        not null references crm_record (id) on delete cascade,
    primary key (entity, rule_no, key_value)
);

create index crm_record_key_by_record on crm_record_key (record_id);
