//! Demo data so a newcomer sees a living portal (`dnaker seed-demo`, and the README's run command).
//! Server only: declared behind `ssr` in `features/mod.rs`, so none of it reaches the WASM bundle.
pub mod complaints;
pub mod data;
pub mod fairs;
pub mod model;
pub mod obligations;
pub mod partner_api;
pub mod pkwt;
pub mod requests;
pub mod scale;
pub mod seed;
pub mod statistics;
pub mod tka;
pub mod training;
pub mod vacancies;
