//! Whole public pages for anonymous visitors, kept for a few seconds and sent precompressed.
//!
//! Rendering a page costs one to three milliseconds of a core; sending a kept one costs microseconds,
//! which is what lets one instance take a job-fair crowd on the home, search and vacancy pages.
//!
//! Only anonymous GETs (no cookie but the language choice) of an allowlist of public pages are kept,
//! and only a `200 text/html` answer that sets no cookie and does not say `no-store` or `private`.
//! Pages with tokens in their address (password reset, invitations) and document verification
//! (a revoked card must say so at once) are never kept.
//!
//! Everyone who gets a kept copy would share its CSP nonce, so a kept page's policy allows its inline
//! scripts and styles by their SHA-256 instead of by the nonce.
//!
//! Freshness: a change made through this instance (a POST, PUT, PATCH or DELETE that wrote an audit
//! event and did not fail, or a daily job) drops every kept page at once; changes made through another
//! instance and the passing of time are seen within the lifetime (`DNAKER_PAGE_CACHE_SECONDS`, default 10).
//! When a copy's lifetime ends, one request renders the page again while the others still get the old
//! copy for those few milliseconds: without that, every request arriving during the render renders too.
//! A page with no copy at all (never kept, evicted, or dropped by a change) is rendered by the first
//! request that asks; the others wait for its copy (a cold search of 100,000 vacancies, asked for by a
//! crowd, is then rendered once instead of once per request).

mod csp;
mod first_render;
mod keys;
mod serve;
mod store;

pub use serve::{ChangeMarker, changes_public_pages, serve};
pub use store::PageCache;

#[cfg(test)]
mod tests;
