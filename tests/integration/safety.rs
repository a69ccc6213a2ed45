//! Integration tests of safety, on SQLite and PostgreSQL.
