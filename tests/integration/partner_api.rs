//! Integration tests of partner api, on SQLite and PostgreSQL.
