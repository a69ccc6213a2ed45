//! Companies: sign-up (the signing-up person becomes the company admin), officer verification, staff
//! invitations.
pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod company;
#[cfg(feature = "ssr")]
pub mod officer;
