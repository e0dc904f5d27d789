-- Intake schema, version 9: the console's history filters. An app's history is read newest first, optionally
-- only one status or one user's imports; each filter gets an index that serves both the filter and the order, so
-- a page of an app with 100,000 jobs reads a page of index entries instead of the app's whole history.

create index import_job_by_entity_status on import_job (entity, status, created_at, id);

create index import_job_by_entity_user on import_job (entity, created_by, created_at, id);
