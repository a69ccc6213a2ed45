//! `/kotak-masuk`: the asker's notices, read and unread, each linking to its object; marking one notice,
//! one category or all read; the e-mail copy per category.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    core::{i18n::fill, notice::CATEGORIES},
    features::inbox::{
        api::{MarkAllNoticesRead, MarkCategoryRead, MarkNoticeRead, SetNoticeEmail, load_inbox},
        model::{EmailPref, InboxItem, category_label_key, page_of},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let page = move || page_of(query.with(|q| q.get("hal")).as_deref());
    let mark = ServerAction::<MarkNoticeRead>::new();
    let mark_all = ServerAction::<MarkAllNoticesRead>::new();
    let mark_category = ServerAction::<MarkCategoryRead>::new();
    let email = ServerAction::<SetNoticeEmail>::new();
    let inbox = Resource::new(
        move || {
            (
                page(),
                mark.version().get(),
                mark_all.version().get(),
                mark_category.version().get(),
                email.version().get(),
            )
        },
        |(page, ..)| load_inbox(page),
    );
    view! {
        <Title text=t.inbox_title />
        <h1 class="text-2xl font-bold">{t.inbox_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.inbox_lead}</p>
        <FormProblem errors=FormErrors::new(mark.value()) />
        <FormProblem errors=FormErrors::new(mark_category.value()) />
        <FormProblem errors=FormErrors::new(email.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || inbox.get().map(|result| match result {
                Ok(view) => {
                    let page = view.page;
                    let mut unread_categories: Vec<String> = view
                        .items
                        .iter()
                        .filter(|item| !item.read)
                        .map(|item| item.category.clone())
                        .collect();
                    unread_categories.sort();
                    unread_categories.dedup();
                    view! {
                        <div class="mt-4 flex flex-wrap items-center gap-3">
                            <p data-testid="inbox-unread">{fill(t.inbox_unread_count, &[("count", &view.unread.to_string())])}</p>
                            {(view.unread > 0).then(|| view! {
                                <ActionForm action=mark_all>
                                    <button type="submit" class="btn-secondary" data-testid="inbox-read-all">{t.inbox_mark_all}</button>
                                </ActionForm>
                            })}
                            {(unread_categories.len() > 1).then(|| unread_categories.into_iter().map(|category| {
                                let name = t.lookup(&category_label_key(&category)).unwrap_or_default();
                                view! {
                                    <ActionForm action=mark_category>
                                        <input type="hidden" name="category" value=category />
                                        <button type="submit" class="btn-secondary" data-testid="inbox-read-category">
                                            {fill(t.inbox_mark_category, &[("category", name)])}
                                        </button>
                                    </ActionForm>
                                }
                            }).collect_view())}
                        </div>
                        {if view.items.is_empty() {
                            view! { <p class="card mt-4" data-testid="inbox-empty">{t.inbox_empty}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="mt-4 space-y-3" data-testid="inbox">
                                    {view.items.into_iter().map(|item| view! { <NoticeCard item mark /> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <nav class="mt-4 flex gap-4" aria-label=t.inbox_pages>
                            {(page > 0).then(|| view! { <a class="link" href=format!("/kotak-masuk?hal={page}")>{t.inbox_newer}</a> })}
                            {view.more.then(|| view! { <a class="link" href=format!("/kotak-masuk?hal={}", page + 2)>{t.inbox_older}</a> })}
                        </nav>
                        <EmailPrefs prefs=view.prefs email />
                    }.into_any()
                }
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn NoticeCard(item: InboxItem, mark: ServerAction<MarkNoticeRead>) -> impl IntoView {
    let t = use_strings();
    let category = t
        .lookup(&category_label_key(&item.category))
        .unwrap_or_default();
    let class = if item.read {
        "card"
    } else {
        "card border-l-4 border-brand-700"
    };
    view! {
        <li class=class data-testid="inbox-item" data-read=item.read.to_string()>
            <p class="text-sm text-slate-600">
                {(!item.read).then(|| view! { <strong class="mr-2 text-brand-800">{t.inbox_new}</strong> })}
                {category}" · "{item.sent.clone()}
            </p>
            <p class="mt-1">{item.text.clone()}</p>
            <div class="mt-2 flex flex-wrap items-center gap-3">
                {item.link.clone().map(|href| view! { <a class="link" href=href>{t.inbox_open}</a> })}
                {(!item.read).then(|| view! {
                    <ActionForm action=mark>
                        <input type="hidden" name="notice_id" value=item.id />
                        <button type="submit" class="btn-secondary" data-testid="inbox-mark-read">{t.inbox_mark_read}</button>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}

#[component]
fn EmailPrefs(prefs: Vec<EmailPref>, email: ServerAction<SetNoticeEmail>) -> impl IntoView {
    let t = use_strings();
    debug_assert_eq!(prefs.len(), CATEGORIES.len());
    view! {
        <section class="card mt-8" aria-labelledby="surel-kategori">
            <h2 id="surel-kategori" class="text-lg font-semibold">{t.inbox_email_title}</h2>
            <p class="text-sm text-slate-700">{t.inbox_email_lead}</p>
            <ul class="mt-3 divide-y divide-slate-200" data-testid="inbox-prefs">
                {prefs.into_iter().map(|pref| {
                    let name = t.lookup(&category_label_key(&pref.category)).unwrap_or_default();
                    let state = if pref.mandatory {
                        t.inbox_email_mandatory
                    } else if pref.email_on {
                        t.inbox_email_on
                    } else {
                        t.inbox_email_off
                    };
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                            <span><span class="font-medium">{name}</span>" — "{state}</span>
                            {(!pref.mandatory).then(|| {
                                let (value, label) = if pref.email_on { ("0", t.inbox_email_stop) } else { ("1", t.inbox_email_start) };
                                view! {
                                    <ActionForm action=email>
                                        <input type="hidden" name="category" value=pref.category.clone() />
                                        <input type="hidden" name="on" value=value />
                                        <button type="submit" class="btn-secondary" aria-label=format!("{label}: {name}")>{label}</button>
                                    </ActionForm>
                                }
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
