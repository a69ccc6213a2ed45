//! Integration tests of complaints, on SQLite and PostgreSQL.
