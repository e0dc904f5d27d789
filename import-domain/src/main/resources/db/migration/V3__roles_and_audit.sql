-- Intake schema, version 3: roles that grant, per app, the right to import and to see history; an audit trail
-- of changes to users, roles and tokens.

create table access_role (
    name            varchar(100)  primary key,
    description     varchar(500),
    built_in        boolean       not null
);

create table role_grant (
    role_name        varchar(100)  not null references access_role (name) on delete cascade,
    entity           varchar(100)  not null,
    can_import       boolean       not null,
    can_view_history boolean       not null,
    primary key (role_name, entity)
);

create sequence audit_event_ids;

create table audit_event (
    id              bigint        primary key,
    at              timestamp     not null,
    actor           varchar(100)  not null,
    action          varchar(50)   not null,
    subject         varchar(255)  not null,
    detail          varchar(2000)
);

create index audit_event_by_time on audit_event (at);

insert into access_role (name, description, built_in)
    values ('admin', 'Everything: imports, history, apps, users, roles and tokens.', true);
insert into access_role (name, description, built_in)
    values ('importer', 'Imports into every app and sees every app''s records and history.', true);
insert into role_grant (role_name, entity, can_import, can_view_history) values ('importer', '*', true, true);
insert into access_role (name, description, built_in)
    values ('viewer', 'Sees every app''s records and import history; imports nothing.', true);
insert into role_grant (role_name, entity, can_import, can_view_history) values ('viewer', '*', false, true);
