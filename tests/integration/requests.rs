//! Integration tests of requests, on SQLite and PostgreSQL.
