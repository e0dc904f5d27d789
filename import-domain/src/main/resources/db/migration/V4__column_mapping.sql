-- Intake schema, version 4: an import may carry the column mapping a person chose in the console, instead of
-- matching the header's names.

alter table import_job add column column_mapping text;
