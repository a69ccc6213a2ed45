//! What other features may use of accounts (company sign-up and staff, the service counter, the admin's
//! staff accounts and correction queue, the AK/1 card and files, the demo seed): a small surface, so no
//! other feature reads `accounts::repo` directly. The functions themselves live in `repo` and the action
//! modules.
pub use super::{
    correction::{CorrectionValue, correction_due_ms},
    password::{check_new_password, send_password_link},
    privacy::requested_value_for_officer,
    repo::{
        NewAccount, NewSeeker, NewToken, SeekerRow, consume_token, create_token, email_taken,
        hash_password, hash_password_for_request, insert as insert_account,
        insert_seeker as insert_seeker_row, mark_email_verified, seeker as seeker_identity,
        set_consent, token_is_live,
    },
    signup::{
        check_sign_up_limit, insert_seeker, new_password_hash_for_sign_up, send_verification,
        unique_to_field,
    },
    staff_reads::basis,
};
