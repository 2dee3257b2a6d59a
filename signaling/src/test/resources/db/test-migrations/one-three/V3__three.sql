CREATE TABLE three_table (id TEXT);
