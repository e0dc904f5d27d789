-- Intake schema, version 10: references are now looked up rule by rule through the primary key
-- (entity, rule_no, key_value), so the second index on (entity, key_value) added in version 5 served no query any
-- more and cost every new match key an index entry.

drop index crm_record_key_by_value;
