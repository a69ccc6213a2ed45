//! Public information pages (regulations and procedures). Static today; the design's admin-edited pages
//! would keep these paths.
pub mod pages;
