-- Intake schema, version 13: the records a chunk of an import created are journalled in one row per chunk.
--
-- Undo only needs to know which records an import created (to delete them) and the line that created each (for
-- its messages). V7 wrote one import_journal row per created record: half the journal rows of a typical import,
-- each with its own primary key entry, for a flag and a line. Here a chunk writes one row listing them all,
-- "id:line" pairs separated by commas in ascending id order, with the smallest and largest id so that undo, which
-- goes through the journal in record id order, reads only the rows of the ids it is at. Records a chunk changed
-- keep their row each in import_journal; journals written before this version keep their created rows there too,
-- and undo reads both.
create table import_journal_created (
    job_id          varchar(36)   not null,
    first_record    bigint        not null,
    last_record     bigint        not null,
    records         text          not null,
    primary key (job_id, first_record)
);
