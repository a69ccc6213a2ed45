//! Integration tests of regulations, on SQLite and PostgreSQL.
