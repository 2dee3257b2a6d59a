CREATE TABLE late_table (id TEXT);
