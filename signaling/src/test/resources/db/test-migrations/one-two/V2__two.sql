ALTER TABLE one_table ADD COLUMN label TEXT;
INSERT INTO one_table (id, label) VALUES ('a', 'semi;colon');
