-- Intake schema, version 12: half of every page of records kept free on PostgreSQL (V11 kept a fifth).
--
-- An update that finds room on the record's page is a HOT update: it adds no index entries, and the page prunes
-- the old version by itself. With a fifth free, only about a quarter of the updates of a large import found room,
-- and each of the others added an entry to both indexes of crm_record and moved the record to the end of the
-- table. Measured with 500,000 records of about 250 bytes, each updated once from arrays as an import does:
-- fillfactor 80 took 5.6 s, 29 % of the updates HOT, leaving 313 MB of table and 52 MB of indexes; fillfactor 50
-- took 2.7 s, all of them HOT, leaving 300 MB and 26 MB. Records that are updated at all take less room this way.
-- Pages written from now on keep the room; older pages get it when the table is rewritten (VACUUM FULL, CLUSTER).
/*postgresql*/ alter table crm_record set (fillfactor = 50);
