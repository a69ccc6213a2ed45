//! Integration tests through the real HTTP stack, on SQLite and PostgreSQL. One test binary: each binary
//! links the whole server, which on a 2-core CI machine costs a minute and gigabytes per binary.
#![cfg(feature = "ssr")]

#[macro_use]
#[path = "../common/mod.rs"]
mod common;
mod accounts;
mod ak1;
mod ak1_profile;
mod architecture;
mod authz;
mod company_queue;
mod complaints;
mod complaints_guards;
mod concurrency;
mod corrections;
mod error_pages;
mod fairs;
mod foundation;
mod hardening_io;
mod inbox;
mod manpower_report;
mod matrix_complete;
mod matrix_fairs;
mod matrix_pkwt_tka;
mod matrix_routes;
mod matrix_vacancies;
mod migrations_parity;
mod packed_rows;
mod page_cache;
mod partner_api;
mod pii_scan;
mod pkwt;
mod placement_confirm;
mod regulations;
mod requests;
mod requests_gaps;
mod requests_review;
mod review;
mod safety;
mod shell_errors;
mod staff_reads;
mod statistics;
mod tka;
mod tka_talent;
mod training;
mod vacancies;
mod vacancies_facets;
mod vacancies_search_paths;
