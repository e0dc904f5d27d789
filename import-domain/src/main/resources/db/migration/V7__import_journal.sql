-- Intake schema, version 7: dry runs, undo and the outcome of every row.
--
-- A dry run is a job that writes no record. An undo is a job of kind UNDO pointing at the import it undoes; the
-- undone import points back through undone_by. Undo jobs count restored and deleted records and conflicts, and
-- move checkpoint_record (the last journalled record id they handled) the way imports move checkpoint_line.

alter table import_job add column dry_run boolean default false not null;

alter table import_job add column unchanged integer default 0 not null;

alter table import_job add column kind varchar(20) default 'IMPORT' not null;

alter table import_job add column undo_of varchar(36);

alter table import_job add column undone_by varchar(36);

alter table import_job add column undo_force boolean default false not null;

-- An undo that follows an earlier undo of the same import (which left conflicts, failed or was cancelled).
alter table import_job add column after_undo varchar(36);

alter table import_job add column restored integer default 0 not null;

alter table import_job add column deleted integer default 0 not null;

alter table import_job add column conflicts integer default 0 not null;

alter table import_job add column checkpoint_record bigint default 0 not null;

-- The job that last wrote the record (an import or an undo): undo leaves alone what changed after the import.
alter table crm_record add column changed_by_job varchar(36);

-- What an import changed, written in the chunk's transaction: per record and chunk, whether the chunk created it
-- or the previous values (JSON, null for "had no value") of only the fields it changed. line is the first line of
-- the chunk that touched the record; the earliest entry of a record holds its state before the import.
create table import_journal (
    job_id          varchar(36)   not null,
    record_id       bigint        not null,
    line            integer       not null,
    created         boolean       not null,
    previous_values text,
    primary key (job_id, record_id, line)
);

-- The outcome of every row of an import, one row per chunk: its first and last line and, in outcomes, for each row
-- of the chunk "line outcome [record id]" (outcome A added, U updated, N updated but unchanged, F failed), rows
-- separated by ';'. One insert per chunk instead of one per row keeps the cost off the import rate.
create table row_outcome (
    job_id          varchar(36)   not null,
    first_line      integer       not null,
    last_line       integer       not null,
    outcomes        text          not null,
    primary key (job_id, first_line)
);
