-- Intake schema, version 14: a record holds the key of its app's first match rule itself.
--
-- Until V13 every match key was a row of crm_record_key, with two index entries, and a lookup went from the key's
-- row to the record's. Most apps match on one rule (the default contact, company and deal apps do), so a new
-- record cost two rows and four index entries, and every key found cost two index probes and two row reads. The
-- first rule's key (rule_no 0) now lives in crm_record.match_key with a unique index, which keeps it unique per app
-- exactly as the primary key of crm_record_key did (records without that key hold null, which the index allows any
-- number of times); the keys of further rules stay rows of crm_record_key. See RecordStore.RECORD_HELD_RULE.
alter table crm_record add column match_key varchar(2000);

update crm_record set match_key = (select k.key_value from crm_record_key k
    where k.record_id = crm_record.id and k.entity = crm_record.entity and k.rule_no = 0);

delete from crm_record_key where rule_no = 0;

create unique index crm_record_by_match_key on crm_record (entity, match_key);
