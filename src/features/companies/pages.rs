use leptos::server_fn::ServerFn;
use leptos::{ev::SubmitEvent, prelude::*};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{i18n::fill, text::format_wib},
    features::companies::{
        api::{
            InviteStaff, JoinCompany, RemoveStaff, ReviewCompany, SignUpCompany, load_my_company,
            load_pending_companies,
        },
        model::{CompanyQueue, CompanyReview, MyCompany, QUEUE_SEARCH_MAX},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Success, succeeded},
        layout::encode_query_value,
        pager::{Pager, requested_page},
        use_strings,
    },
};

#[component]
pub fn CompanySignUpPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SignUpCompany>::new();
    let errors = FormErrors::new(action.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) =
            errors.check::<SignUpCompany>(&ev, |input| input.form.check().err().unwrap_or_default())
        {
            action.dispatch(input);
        }
    };
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t.sign_up_company_title />
        <section class="mx-auto max-w-2xl">
            <h1 class="text-2xl font-bold">{t.sign_up_company_title}</h1>
            <Show when=done fallback=move || view! {
                <form method="post" action=SignUpCompany::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate class="card mt-6 grid gap-4 sm:grid-cols-2">
                    <div class="sm:col-span-2"><Field label=t.company_name name="form[company_name]" autocomplete="organization" error=errors.field("company_name") required=true /></div>
                    <Field label=t.nib name="form[nib]" inputmode="numeric" hint=t.nib_hint error=errors.field("nib") required=true />
                    <Field label=t.npwp name="form[npwp]" hint=t.npwp_hint error=errors.field("npwp") required=true />
                    <Field label=t.kbli_division name="form[kbli_division]" inputmode="numeric" hint=t.kbli_hint error=errors.field("kbli_division") required=true />
                    <div class="field">
                        <label for="size-band" class="block font-medium">{t.size_band}</label>
                        <select id="size-band" name="form[size_band]" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2">
                            <option value="mikro">{t.size_micro}</option>
                            <option value="kecil">{t.size_small}</option>
                            <option value="menengah">{t.size_medium}</option>
                            <option value="besar">{t.size_large}</option>
                        </select>
                    </div>
                    <Field label=t.district_code name="form[district_code]" hint=t.district_hint error=errors.field("district_code") />
                    <Field label=t.address_elsewhere name="form[address_elsewhere]" hint=t.address_elsewhere_hint error=errors.field("address_elsewhere") />
                    <div class="sm:col-span-2"><Field label=t.address name="form[address]" autocomplete="street-address" error=errors.field("address") required=true /></div>
                    <Field label=t.contact_name name="form[contact_name]" autocomplete="name" error=errors.field("contact_name") required=true />
                    <Field label=t.phone name="form[phone]" kind="tel" autocomplete="tel" error=errors.field("phone") required=true />
                    <Field label=t.email name="form[email]" kind="email" autocomplete="email" error=errors.field("email") required=true />
                    <Field label=t.password name="form[password]" kind="password" autocomplete="new-password" hint=t.password_hint error=errors.field("password") required=true />
                    <div class="sm:col-span-2"><FormProblem errors /></div>
                    <button type="submit" class="btn-primary sm:col-span-2" disabled=move || action.pending().get()>{t.sign_up}</button>
                </form>
            }>
                <p role="status" class="card mt-6 border-emerald-300 bg-emerald-50 text-emerald-900">{t.sign_up_company_done}</p>
            </Show>
        </section>
    }
}

#[component]
pub fn CompanyPage() -> impl IntoView {
    let t = use_strings();
    let invite = ServerAction::<InviteStaff>::new();
    let remove = ServerAction::<RemoveStaff>::new();
    let company = Resource::new(
        move || (invite.version().get(), remove.version().get()),
        |_| load_my_company(),
    );
    view! {
        <Title text=t.company_title />
        <h1 class="text-2xl font-bold">{t.company_title}</h1>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || company.get().map(|result| match result {
                Ok(data) => view! { <CompanyDetails data invite remove /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CompanyDetails(
    data: MyCompany,
    invite: ServerAction<InviteStaff>,
    remove: ServerAction<RemoveStaff>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(invite.value());
    let status = match (&data.rejection_reason, data.verified) {
        (_, true) => view! { <p class="font-semibold text-emerald-800" data-testid="company-status">{t.company_verified}</p> }.into_any(),
        (Some(reason), false) => view! { <p class="text-red-800" data-testid="company-status">{t.company_rejected}": "{reason.clone()}</p> }.into_any(),
        (None, false) => view! { <p class="text-amber-800" data-testid="company-status">{t.company_pending}</p> }.into_any(),
    };
    let is_admin = data.is_admin;
    view! {
        <section class="card mt-6">
            <h2 class="text-lg font-semibold">{data.name.clone()}</h2>
            <div class="mt-2">{status}</div>
        </section>
        <section class="card mt-6" aria-labelledby="judul-staf">
            <h2 id="judul-staf" class="text-lg font-semibold">{t.staff_title}</h2>
            <ul class="mt-3 divide-y divide-slate-200" data-testid="staff">
                {data.staff.into_iter().map(|member| view! {
                    <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                        <span>
                            {if member.pending { t.invitation_pending.to_owned() } else { member.full_name.clone() }}" · "{member.email.clone()}
                            {member.company_admin.then(|| view! { <strong>" ("{t.company_admin}")"</strong> })}
                        </span>
                        {(is_admin && !member.company_admin && !member.pending).then(|| member.account_id.map(|id| view! {
                            <ActionForm action=remove>
                                <input type="hidden" name="account_id" value=id.to_string() />
                                <button type="submit" class="btn-secondary">{t.remove}</button>
                            </ActionForm>
                        }))}
                    </li>
                }).collect_view()}
            </ul>
            {is_admin.then(|| view! {
                <ActionForm action=invite attr:class="mt-4 grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
                    <Field label=t.invite_email name="email" kind="email" error=errors.field("email") required=true />
                    <button type="submit" class="btn-primary">{t.invite}</button>
                </ActionForm>
                <FormProblem errors />
                <Success done=succeeded(invite.value()) message=t.invitation_sent />
            })}
        </section>
    }
}

#[component]
pub fn JoinCompanyPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let token = move || query.with(|q| q.get("token").unwrap_or_default());
    let action = ServerAction::<JoinCompany>::new();
    let errors = FormErrors::new(action.value());
    view! {
        <Title text=t.join_title />
        <section class="mx-auto max-w-md">
            <h1 class="text-2xl font-bold">{t.join_title}</h1>
            <ActionForm action attr:class="card mt-6 space-y-4">
                <input type="hidden" name="form[token]" value=token />
                <Field label=t.full_name name="form[full_name]" autocomplete="name" error=errors.field("full_name") required=true />
                <Field label=t.password name="form[password]" kind="password" autocomplete="new-password" hint=t.password_hint error=errors.field("password") required=true />
                <FormProblem errors />
                <Success done=succeeded(action.value()) message=t.join_done />
                <button type="submit" class="btn-primary w-full">{t.join_button}</button>
            </ActionForm>
            <p class="mt-4"><a class="link" href="/masuk">{t.sign_in}</a></p>
        </section>
    }
}

/// Officers' queue of companies to verify, oldest first, with the one-working-day clock: 50 a page
/// (`?hal=N`), narrowed by a name or NIB (`?cari=`, a GET form, so a search has an address).
#[component]
pub fn CompanyQueuePage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let page = requested_page();
    let search = move || query.with(|q| q.get("cari").unwrap_or_default());
    let review = ServerAction::<ReviewCompany>::new();
    let pending = Resource::new(
        move || (page(), search(), review.version().get()),
        |(page, search, _)| load_pending_companies(page, search),
    );
    view! {
        <Title text=t.company_queue_title />
        <h1 class="text-2xl font-bold">{t.company_queue_title}</h1>
        <form method="get" action="/petugas/perusahaan" role="search" class="mt-4 flex flex-wrap items-end gap-2">
            <label class="grow">
                <span class="block font-medium">{t.company_queue_search}</span>
                <input type="search" name="cari" value=search prop:value=search maxlength=QUEUE_SEARCH_MAX class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2" data-testid="company-queue-search" />
            </label>
            <button type="submit" class="btn-secondary">{t.search}</button>
        </form>
        <FormProblem errors=FormErrors::new(review.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || pending.get().map(|result| match result {
                Ok(queue) => view! { <CompanyQueueList queue review /> }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn CompanyQueueList(queue: CompanyQueue, review: ServerAction<ReviewCompany>) -> impl IntoView {
    let t = use_strings();
    let total = queue.total.to_string();
    let searching = !queue.search.is_empty();
    let count = match (searching, queue.total) {
        (false, 0) => t.queue_empty.to_owned(),
        (false, _) => fill(t.company_queue_count, &[("count", &total)]),
        (true, _) => fill(
            t.company_queue_matches,
            &[("count", &total), ("search", &queue.search)],
        ),
    };
    let search = encode_query_value(&queue.search);
    let link = move |n: i64| match search.as_str() {
        "" => format!("/petugas/perusahaan?hal={n}"),
        search => format!("/petugas/perusahaan?cari={search}&hal={n}"),
    };
    view! {
        <p class="mt-4" role="status" data-testid="company-queue-count">{count}</p>
        {searching.then(|| view! { <p class="mt-2"><a class="link" href="/petugas/perusahaan" data-testid="company-queue-show-all">{t.company_queue_show_all}</a></p> })}
        <ul class="mt-4 space-y-4" data-testid="company-queue">
            {queue.items.into_iter().map(|company| view! { <CompanyReviewCard company review /> }).collect_view()}
        </ul>
        <Pager page=queue.page pages=queue.pages link />
    }
}

#[component]
fn CompanyReviewCard(company: CompanyReview, review: ServerAction<ReviewCompany>) -> impl IntoView {
    let t = use_strings();
    let verify_id = company.id.to_string();
    let reject_id = company.id.to_string();
    view! {
        <li class="card">
            <h2 class="text-lg font-semibold">{company.name.clone()}</h2>
            <dl class="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
                <div><dt class="inline text-slate-600">{t.nib}": "</dt><dd class="inline">{company.nib.clone()}</dd></div>
                <div><dt class="inline text-slate-600">{t.npwp}": "</dt><dd class="inline">{company.npwp.clone()}</dd></div>
                <div><dt class="inline text-slate-600">"KBLI: "</dt><dd class="inline">{format!("{} / {}", company.kbli_section, company.kbli_division.clone().unwrap_or_default())}</dd></div>
                <div><dt class="inline text-slate-600">{t.location}": "</dt><dd class="inline">{company.location.clone()}</dd></div>
                <div><dt class="inline text-slate-600">{t.contact_name}": "</dt><dd class="inline">{format!("{} <{}>", company.contact_name, company.contact_email)}</dd></div>
                <div><dt class="inline text-slate-600">{t.due}": "</dt><dd class="inline font-semibold">{format_wib(company.due_at_ms)}</dd></div>
            </dl>
            <div class="mt-3 flex flex-wrap items-end gap-3">
                <ActionForm action=review>
                    <input type="hidden" name="company_id" value=verify_id />
                    <input type="hidden" name="decision" value="verify" />
                    <button type="submit" class="btn-primary">{t.verify}</button>
                </ActionForm>
                <ActionForm action=review attr:class="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="company_id" value=reject_id />
                    <input type="hidden" name="decision" value="reject" />
                    <label class="text-sm">{t.rejection_reason}
                        <input name="reason" class="ml-2 rounded-lg border border-slate-400 px-2 py-1" required />
                    </label>
                    <button type="submit" class="btn-secondary">{t.reject}</button>
                </ActionForm>
            </div>
        </li>
    }
}
