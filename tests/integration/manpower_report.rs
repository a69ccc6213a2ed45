//! Integration tests of manpower report, on SQLite and PostgreSQL.
