//! Integration tests of inbox, on SQLite and PostgreSQL.
