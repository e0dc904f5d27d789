-- Intake schema, version 2: keep the cells of failed rows and the file's header, so that errors.csv can give
-- the failed rows back as they were after the upload itself is gone.

alter table import_job add column header_cells text;

alter table row_error add column row_cells text;
