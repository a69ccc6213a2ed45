//! The placement form: a hire reported by NIK, checked the same way in the browser and on the server.
use serde::{Deserialize, Serialize};
use time::Date;

use super::CONTRACT_TYPES;
use crate::core::{calendar::parse_date, error::FieldErrors, money::Rupiah};

/// A hire reported by NIK (made outside the portal, or for a vacancy without an application).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlacementForm {
    pub nik: String,
    pub worker_name: String,
    pub position: String,
    pub start_date: String,
    pub wage: String,
    pub contract_type: String,
    /// Optional: the vacancy the hire fills.
    pub vacancy_id: String,
}

impl PlacementForm {
    pub fn wage_idr(&self) -> Option<i64> {
        Rupiah::parse(&self.wage).map(|r| r.0).filter(|v| *v > 0)
    }

    pub fn vacancy(&self) -> Option<i64> {
        self.vacancy_id.trim().parse().ok()
    }

    /// The start date may lie up to a year back or 90 days ahead; the wage at least the UMK.
    pub fn check(&self, today: Date, minimum_wage_idr: i64) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if let Err(error) = crate::core::validate::parse_nik(self.nik.trim()) {
            errors.add("nik", error.message_key());
        }
        if !(2..=100).contains(&self.worker_name.trim().chars().count()) {
            errors.add("worker_name", "err_text_length");
        }
        if !(2..=120).contains(&self.position.trim().chars().count()) {
            errors.add("position", "err_text_length");
        }
        match parse_date(self.start_date.trim()) {
            None => errors.add("start_date", "err_date"),
            Some(day) if (day - today).whole_days() > 90 || (today - day).whole_days() > 366 => {
                errors.add("start_date", "err_placement_date");
            }
            Some(_) => {}
        }
        match self.wage_idr() {
            None => errors.add("wage", "err_amount"),
            Some(wage) if wage < minimum_wage_idr => errors.add("wage", "err_below_umk"),
            Some(_) => {}
        }
        if !CONTRACT_TYPES.contains(&self.contract_type.trim()) {
            errors.add("contract_type", "err_choose");
        }
        if !self.vacancy_id.trim().is_empty() && self.vacancy().is_none() {
            errors.add("vacancy_id", "err_choose");
        }
        errors.checked()
    }
}
