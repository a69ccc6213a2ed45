//! Integration tests of statistics, on SQLite and PostgreSQL.
