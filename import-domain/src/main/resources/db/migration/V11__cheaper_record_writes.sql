-- Intake schema, version 11: cheaper record writes for large imports on PostgreSQL. A statement that starts with
-- /*postgresql*/ runs only there; the embedded H2 database keeps its schema as it is.

-- A fifth of every page of records is kept free, so that an update can put the record's new version on the same
-- page: a HOT update, which adds no index entries. Pages written from now on keep the room; pages written before
-- get it when the table is rewritten (VACUUM FULL, CLUSTER).
/*postgresql*/ alter table crm_record set (fillfactor = 80);

-- The foreign key from match keys to records locked the record's row for every key inserted. Every key is written
-- in the transaction that inserts or updates its record (an update fails when the record is gone, see
-- RecordStore.requireAllWritten), and a record's keys are deleted with it (RecordStore.delete), so no key can
-- outlive its record without the constraint.
/*postgresql*/ alter table crm_record_key drop constraint crm_record_key_record_id_fkey;
