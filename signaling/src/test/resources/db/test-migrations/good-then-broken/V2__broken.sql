CREATE TABLE half_table (id TEXT PRIMARY KEY);
INSERT INTO good_table (id) VALUES ('written');
INSERT INTO no_such_table (id) VALUES ('x');
