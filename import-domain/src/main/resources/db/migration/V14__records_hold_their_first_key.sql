-- Intake schema, version 14: a record holds the key of its app's first match rule itself.
--
-- Until V13 every match key was a row of crm_record_key, with two index entries, and a lookup went from the key's
-- row to the record's. Most apps match on one rule (the default contact, company and deal apps do), so a new
-- record cost two rows and four index entries, and every key found cost two index probes and two row reads. The
-- first rule's key (rule_no 0) now lives in crm_record.match_key with a unique index, which keeps it unique per app
-- exactly as the primary key of crm_record_key did (records without that key hold null, which the index allows any
-- number of times); the keys of further rules stay rows of crm_record_key. See RecordStore.RECORD_HELD_RULE.
--
-- Every statement can run again: H2 commits each change of the schema at once, so a start that failed half-way
-- must be able to finish the migration.
alter table crm_record add column if not exists match_key varchar(2000);

-- A record can hold two keys of its first rule: changing an app's rules does not re-key stored records (README),
-- and a record written again under the changed rule got the new key beside the old one. It keeps one of them here,
-- the smaller, since SQL cannot tell which one its values give under today's rules.
update crm_record set match_key = (select min(k.key_value) from crm_record_key k
    where k.record_id = crm_record.id and k.entity = crm_record.entity and k.rule_no = 0);

delete from crm_record_key where rule_no = 0;

create unique index if not exists crm_record_by_match_key on crm_record (entity, match_key);
