-- Intake schema, version 6: several nodes share one database. A node claims a job before it runs it and keeps
-- a heartbeat while it does; a job whose heartbeat stops is taken over by another node from its checkpoint.

alter table import_job add column claimed_by varchar(200);

alter table import_job add column heartbeat_at timestamp;

create index import_job_open on import_job (status, heartbeat_at);
