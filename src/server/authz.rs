//! Who is asking, and may they? One API used by every server function and route.
//!
//! ```ignore
//! let ctx = RequestCtx::current().await?;
//! let officer = ctx.require_staff()?;
//! ```
use axum::http::request::Parts;
use tower_sessions::Session;

use crate::{
    core::{auth::SessionUser, error::AppError, i18n::Lang, role::Role},
    server::{
        audit::AuditEvent,
        db::Db,
        error::internal,
        session::{self, ABSOLUTE_LIMIT_MS, ACCOUNT_ID, AccountRow, CREATED_AT_MS, Prefetched},
        state::AppState,
    },
};

/// The signed-in user, loaded once per request however many server functions a page's render calls
/// (the header asks who is signed in, the page asks for its data). Put in every request's extensions
/// by [`load_user_once_per_request`]; clones of the request's parts share it.
/// With it the accounts the session store read along with their sessions.
#[derive(Clone)]
struct UserOnce {
    cell: std::sync::Arc<tokio::sync::OnceCell<Option<(SessionUser, i64)>>>,
    prefetched: Prefetched,
}

pub async fn load_user_once_per_request(
    axum::extract::State(prefetched): axum::extract::State<Prefetched>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    request.extensions_mut().insert(UserOnce {
        cell: Default::default(),
        prefetched,
    });
    next.run(request).await
}

pub struct RequestCtx {
    pub state: AppState,
    /// Marked by every audit event, so the kept public pages are dropped after a change.
    change: Option<crate::server::page_cache::ChangeMarker>,
    pub session: Option<Session>,
    pub user: Option<SessionUser>,
    /// The signed-in person's unread notices (the header's count), read with the user: one statement
    /// fewer on every signed-in page. 0 for visitors.
    pub unread_notices: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    pub request_id: Option<String>,
    /// The language of the request (for e-mails and messages written on the server).
    pub lang: Lang,
}

impl RequestCtx {
    /// The context of the server function or page being handled.
    pub async fn current() -> Result<RequestCtx, AppError> {
        let state = crate::server::state::app_state()?;
        let parts = leptos::prelude::use_context::<Parts>()
            .ok_or_else(|| internal("request parts missing from context"))?;
        RequestCtx::from_parts(state, &parts).await
    }

    pub async fn from_parts(state: AppState, parts: &Parts) -> Result<RequestCtx, AppError> {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let ip = client_ip(
            parts,
            state
                .config
                .server
                .trust_proxy
                .then_some(state.config.server.trusted_proxies),
        );
        let session = parts.extensions.get::<Session>().cloned();
        let mut ctx = RequestCtx {
            user: None,
            unread_notices: 0,
            ip,
            user_agent: header("user-agent").map(|ua| ua.chars().take(200).collect()),
            request_id: header("x-request-id"),
            lang: Lang::from_cookie_header(
                parts.headers.get("cookie").and_then(|v| v.to_str().ok()),
            ),
            session,
            state,
            change: parts
                .extensions
                .get::<crate::server::page_cache::ChangeMarker>()
                .cloned(),
        };
        let signed_in = match parts.extensions.get::<UserOnce>() {
            Some(once) => once
                .cell
                .get_or_try_init(|| ctx.load_user(Some(&once.prefetched)))
                .await?
                .clone(),
            None => ctx.load_user(None).await?,
        };
        if let Some((user, unread)) = signed_in {
            ctx.user = Some(user);
            ctx.unread_notices = unread;
        }
        Ok(ctx)
    }

    async fn load_user(
        &self,
        prefetched: Option<&Prefetched>,
    ) -> Result<Option<(SessionUser, i64)>, AppError> {
        let Some(session) = &self.session else {
            return Ok(None);
        };
        let account_id: Option<i64> = session.get(ACCOUNT_ID).await.map_err(internal)?;
        let Some(account_id) = account_id else {
            return Ok(None);
        };
        let created_at: i64 = session
            .get(CREATED_AT_MS)
            .await
            .map_err(internal)?
            .unwrap_or(0);
        if self.state.clock.now_ms() - created_at > ABSOLUTE_LIMIT_MS {
            session.flush().await.map_err(internal)?;
            return Ok(None);
        }
        // Read with the session when its load saw this account (`session::Prefetched`), else now.
        let read_along = match (prefetched, session.id()) {
            (Some(prefetched), Some(id)) => prefetched.take(&id, account_id).await,
            _ => None,
        };
        let user = match read_along {
            Some(user) => user,
            None => signed_in_user(&self.state.db, account_id).await?,
        };
        match user {
            Some((user, unread)) => {
                // Every request, not only the sign-in: see `session::apply_idle_limit`.
                session::apply_idle_limit(session, user.role.is_staff())
                    .await
                    .map_err(internal)?;
                Ok(Some((user, unread)))
            }
            // Disabled or deleted since sign-in: every session of the account ends now.
            None => {
                session::delete_all_for_account(&self.state.db.pool, account_id).await?;
                session.flush().await.map_err(internal)?;
                Ok(None)
            }
        }
    }

    pub fn require_signed_in(&self) -> Result<&SessionUser, AppError> {
        self.user.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// Exactly this role (an admin is not a seeker).
    pub fn require(&self, role: Role) -> Result<&SessionUser, AppError> {
        let user = self.require_signed_in()?;
        if user.role == role {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Officers and admins.
    pub fn require_staff(&self) -> Result<&SessionUser, AppError> {
        let user = self.require_signed_in()?;
        if user.role.is_staff() {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// A member (admin or staff) of this company.
    pub fn require_company_member(&self, company_id: i64) -> Result<&SessionUser, AppError> {
        let user = self.require(Role::Company)?;
        if user.company_id == Some(company_id) {
            Ok(user)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The company admin of the signed-in user's own company.
    pub fn require_company_admin(&self) -> Result<(&SessionUser, i64), AppError> {
        let user = self.require(Role::Company)?;
        match (user.company_id, user.company_admin) {
            (Some(company_id), true) => Ok((user, company_id)),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The signed-in member of a company, with the company: role `Company` and a company set, else
    /// `Forbidden`.
    pub fn require_company(&self) -> Result<CompanyActor, AppError> {
        let user = self.require(Role::Company)?;
        let company_id = user.company_id.ok_or(AppError::Forbidden)?;
        Ok(CompanyActor {
            account_id: user.account_id,
            company_id,
        })
    }

    /// The signed-in session, or an error when the session layer is missing (a wiring bug).
    pub fn session(&self) -> Result<&Session, AppError> {
        self.session
            .as_ref()
            .ok_or_else(|| internal("session layer missing"))
    }

    pub fn now_ms(&self) -> i64 {
        self.state.clock.now_ms()
    }

    /// The client address for throttle keys.
    pub fn ip_key(&self) -> &str {
        self.ip.as_deref().unwrap_or("unknown")
    }

    /// An audit event with who, from where and which request.
    pub fn audit<'a>(
        &'a self,
        action: &'a str,
        subject_type: &'a str,
        subject_id: Option<String>,
    ) -> AuditEvent<'a> {
        if let Some(change) = &self.change
            && crate::server::page_cache::changes_public_pages(action)
        {
            change.mark();
        }
        AuditEvent {
            actor_account_id: self.user.as_ref().map(|u| u.account_id),
            actor_role: self.user.as_ref().map(|u| u.role.as_str()),
            action,
            subject_type,
            subject_id,
            subject_account_id: None,
            ip: self.ip.as_deref(),
            request_id: self.request_id.as_deref(),
            detail: "",
        }
    }
}

/// A company member acting for their company (see [`RequestCtx::require_company`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CompanyActor {
    pub account_id: i64,
    pub company_id: i64,
}

/// Whether an officer verified the company: what an unverified company says waits for review (its
/// vacancies) or is refused (booths, hires reported by NIK, training that certifies skills). The one read
/// of it for every feature.
pub async fn company_verified<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    company_id: i64,
) -> Result<bool, sqlx::Error> {
    let verified: Option<(i64,)> = sqlx::query_as("SELECT verified FROM companies WHERE id = $1")
        .bind(company_id)
        .fetch_optional(executor)
        .await?;
    Ok(verified.is_some_and(|(v,)| v == 1))
}

/// The signed-in person, or `None` when the account is disabled or gone.
pub async fn session_user(db: &Db, account_id: i64) -> Result<Option<SessionUser>, sqlx::Error> {
    Ok(signed_in_user(db, account_id).await?.map(|(user, _)| user))
}

/// [`session_user`] with their unread notices, in one statement (as the session's load reads them).
async fn signed_in_user(
    db: &Db,
    account_id: i64,
) -> Result<Option<(SessionUser, i64)>, sqlx::Error> {
    let row: Option<AccountRow> = sqlx::query_as(concat!(
        "SELECT ",
        session::account_columns!(),
        " FROM accounts a WHERE a.id = $1 AND a.disabled = 0"
    ))
    .bind(account_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.and_then(AccountRow::signed_in))
}

/// The client address: the socket peer, or behind `trusted_proxies` proxies of ours the hop the
/// outermost of them appended to `X-Forwarded-For` (counted from the right). Hops further left were sent
/// by the client and could name anyone; when a proxy sent fewer hops than expected, the left-most is used.
fn client_ip(parts: &Parts, trusted_proxies: Option<usize>) -> Option<String> {
    if let Some(trusted) = trusted_proxies {
        let hops: Vec<&str> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|hop| !hop.is_empty())
            .collect();
        if let Some(hop) = forwarded_client(&hops, trusted) {
            return Some(hop.to_owned());
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip().to_string())
}

/// The `trusted`-th hop from the right (the left-most when there are fewer).
fn forwarded_client<'a>(hops: &[&'a str], trusted: usize) -> Option<&'a str> {
    let from_right = trusted.max(1).min(hops.len());
    hops.len()
        .checked_sub(from_right)
        .and_then(|index| hops.get(index))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn the_client_is_the_hop_our_proxy_appended_not_what_the_client_sent() {
        assert_eq!(
            forwarded_client(&["1.2.3.4", "5.6.7.8"], 1),
            Some("5.6.7.8")
        );
        assert_eq!(
            forwarded_client(&["1.2.3.4", "5.6.7.8", "10.0.0.2"], 2),
            Some("5.6.7.8")
        );
        assert_eq!(forwarded_client(&["5.6.7.8"], 3), Some("5.6.7.8"));
        assert_eq!(forwarded_client(&[], 1), None);
    }
}
