-- Intake schema, version 15: the records a chunk of an import changed are journalled in one row per block of
-- record ids, not one row each.
--
-- Until V14 every record a chunk changed had its own import_journal row: a job id, the record id and the previous
-- values, and an entry in the primary key's index. For 500,000 updated records that was 140 MB and about a tenth of
-- the database's time of the import. Here a chunk writes one row for each block of 1,000 record ids (id_block =
-- floor(id / 1000)) among the records it changed, listing them in id order (see ChangedRecords). Undo goes through
-- the journal in record id order, a batch at a time, and reads the rows of the blocks it is at: a block holds at
-- most 1,000 records, whatever the import. Records updated in the order they were created (the common case) share
-- a row or two per chunk; records updated in random order cost at worst a row each, as before. Journals written
-- before this version keep their rows in import_journal, and undo reads both.
create table import_journal_changed (
    job_id          varchar(36)   not null,
    id_block        bigint        not null,
    line            integer       not null,
    records         text          not null,
    primary key (job_id, id_block, line)
);

-- The journal's texts of a chunk (tens of kilobytes) are compressed by PostgreSQL when stored. lz4 does this
-- several times faster than the default pglz, which showed in the profile of large imports; servers built without
-- lz4 keep pglz. Values stored before keep their compression.
/*postgresql*/ do $$ begin
    if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
        execute 'alter table import_journal_changed alter column records set compression lz4';
        execute 'alter table import_journal_created alter column records set compression lz4';
        execute 'alter table row_outcome alter column outcomes set compression lz4';
    end if; end $$;
