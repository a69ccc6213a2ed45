//! `/regulasi`: regulations, rights explainers and procedures, searched and filtered, followed by category;
//! staff publish new ones here. `/regulasi/:id`: one regulation and its versions (see `detail.rs`).
mod detail;
mod editor;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

pub use detail::RegulationPage;

use crate::{
    core::i18n::fill,
    features::regulations::{
        api::{FollowRegulations, PublishRegulation, list_regulations},
        model::{CATEGORIES, RegulationForm, RegulationSummary},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};
use editor::{RegulationEditor, labelled};

#[component]
pub fn RegulationsPage() -> impl IntoView {
    let t = use_strings();
    let query = use_query_map();
    let q = move || query.with(|q| q.get("q").unwrap_or_default());
    let category = move || query.with(|q| q.get("kategori").unwrap_or_default());
    let follow = ServerAction::<FollowRegulations>::new();
    let publish = ServerAction::<PublishRegulation>::new();
    let list = Resource::new(
        move || {
            (
                q(),
                category(),
                follow.version().get(),
                publish.version().get(),
            )
        },
        |(q, category, ..)| list_regulations(q, category),
    );
    view! {
        <Title text=t.regulations_title />
        <h1 class="text-2xl font-bold">{t.regulations_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.regulation_lead}</p>
        <form method="get" action="/regulasi" role="search" class="mt-4 grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
            <div>
                <label for="regulasi-cari" class="block font-medium">{t.regulation_search}</label>
                <input id="regulasi-cari" name="q" value=q maxlength="100" data-testid="regulation-q"
                    class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2" />
            </div>
            <div>
                <label for="regulasi-kategori" class="block font-medium">{t.regulation_category}</label>
                <select id="regulasi-kategori" name="kategori" class="mt-1 w-full rounded-lg border border-slate-400 bg-white px-3 py-2">
                    <option value="">{t.regulation_all}</option>
                    {move || labelled("regulation_cat_", &CATEGORIES).into_iter().map(|(value, label)| {
                        let selected = value == category();
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn-primary" data-testid="regulation-search">{t.regulation_search_button}</button>
        </form>
        <FormProblem errors=FormErrors::new(follow.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || list.get().map(|result| match result {
                Ok(list) => view! {
                    {if list.items.is_empty() {
                        view! { <p class="card mt-4" data-testid="regulations-none">{t.regulation_none}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="mt-4 grid gap-4 md:grid-cols-2" data-testid="regulations">
                                {list.items.into_iter().map(|item| view! { <Summary item /> }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                    <Follow followed=list.followed follow />
                    {list.can_edit.then(|| view! { <RegulationEditor form=RegulationForm::default() publish /> })}
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

pub fn label(prefix: &str, value: &str) -> String {
    use_strings()
        .lookup(&format!("{prefix}{value}"))
        .unwrap_or(value)
        .to_owned()
}

#[component]
fn Summary(item: RegulationSummary) -> impl IntoView {
    let t = use_strings();
    let when = if item.in_force {
        fill(t.regulation_in_force_since, &[("date", &item.effective_on)])
    } else {
        fill(t.regulation_takes_effect, &[("date", &item.effective_on)])
    };
    view! {
        <li class="card" data-testid="regulation">
            <p class="text-sm font-semibold uppercase tracking-wide text-brand-700">
                {label("regulation_kind_", &item.kind)}" · "{label("regulation_cat_", &item.category)}
            </p>
            <h2 class="mt-1 font-semibold text-brand-800">
                <a class="link" href=format!("/regulasi/{}", item.id)>{item.title.clone()}</a>
            </h2>
            <p class="mt-1 text-slate-700">{item.excerpt.clone()}</p>
            <p class="mt-2 text-sm text-slate-600">{when}" · "{fill(t.regulation_version_n, &[("n", &item.version.to_string())])}</p>
        </li>
    }
}

/// Following categories: for signed-in people; visitors are told how.
#[component]
fn Follow(followed: Option<Vec<String>>, follow: ServerAction<FollowRegulations>) -> impl IntoView {
    let t = use_strings();
    let Some(followed) = followed else {
        return view! {
            <p class="card mt-8">{t.regulation_follow_signed_out}" "<a class="link" href="/masuk?kembali=/regulasi">{t.sign_in}</a></p>
        }.into_any();
    };
    view! {
        <section class="card mt-8" aria-labelledby="ikuti-regulasi">
            <h2 id="ikuti-regulasi" class="text-lg font-semibold">{t.regulation_follow_title}</h2>
            <p class="text-sm text-slate-700">{t.regulation_follow_lead}</p>
            <ul class="mt-3 grid gap-2 sm:grid-cols-2" data-testid="regulation-follows">
                {CATEGORIES.iter().map(|category| {
                    let on = followed.iter().any(|c| c == category);
                    let name = label("regulation_cat_", category);
                    let (value, button) = if on { ("0", t.regulation_unfollow) } else { ("1", t.regulation_follow) };
                    view! {
                        <li class="flex items-center justify-between gap-2">
                            <span>{name.clone()}{on.then(|| view! { <strong class="ml-2 text-sm text-brand-800">{t.regulation_following}</strong> })}</span>
                            <ActionForm action=follow>
                                <input type="hidden" name="category" value=*category />
                                <input type="hidden" name="follow" value=value />
                                <button type="submit" class="btn-secondary" aria-label=format!("{button}: {name}")>{button}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }.into_any()
}
