//! Integration tests of training, on SQLite and PostgreSQL.
