-- Intake schema, version 5: the key lookup of every chunk asks for key values across match rules; without an
-- index that starts with the value, both databases scanned every key of the app for each chunk.

create index crm_record_key_by_value on crm_record_key (entity, key_value);
