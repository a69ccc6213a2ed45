//! Demo data so a newcomer sees a living portal (`dnaker seed-demo`, and the README's run command).
pub mod data;
pub mod vacancies;

#[cfg(feature = "ssr")]
pub mod fairs;
#[cfg(feature = "ssr")]
pub mod pkwt;
#[cfg(feature = "ssr")]
pub mod scale;
#[cfg(feature = "ssr")]
pub mod seed;
#[cfg(feature = "ssr")]
pub mod tka;
