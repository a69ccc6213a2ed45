//! `/regulasi/:id`: one regulation in its current version, every version with what changed, two versions
//! side by side (`?a=1&b=2`, changed paragraphs marked), and for staff the form of a new version.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    core::{i18n::fill, local_path::local_path},
    features::regulations::{
        api::{PublishRegulation, load_regulation},
        model::{RegulationDetail, VersionView, marked_paragraphs, paragraphs},
        pages::{editor::RegulationEditor, label},
    },
    ui::{error_panel::ErrorPanel, use_strings},
};

#[component]
pub fn RegulationPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let query = use_query_map();
    let publish = ServerAction::<PublishRegulation>::new();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let detail = Resource::new(
        move || (id(), publish.version().get()),
        |(id, _)| load_regulation(id),
    );
    let pick = move |name: &str| query.with(|q| q.get(name).and_then(|v| v.parse::<i64>().ok()));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || detail.get().map(|result| match result {
                Ok(d) => {
                    let (a, b) = (pick("a"), pick("b"));
                    view! { <Detail d a b publish /> }.into_any()
                }
                Err(error) => view! { <Title text=t.regulations_title /><ErrorPanel error /> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Detail(
    d: RegulationDetail,
    a: Option<i64>,
    b: Option<i64>,
    publish: ServerAction<PublishRegulation>,
) -> impl IntoView {
    let t = use_strings();
    let current = d.current.clone();
    let when = if d.in_force {
        fill(
            t.regulation_in_force_since,
            &[("date", &current.effective_on)],
        )
    } else {
        fill(
            t.regulation_takes_effect,
            &[("date", &current.effective_on)],
        )
    };
    // By default the current version against the one before it.
    let newest = current.version;
    let b = b.unwrap_or(newest);
    let a = a.unwrap_or(newest - 1);
    let find = |n: i64| d.versions.iter().find(|v| v.version == n).cloned();
    let compare = find(a).zip(find(b));
    let link = local_path(&current.link)
        .map(str::to_owned)
        .filter(|l| !l.is_empty());
    let options = d.versions.iter().map(|v| v.version).collect::<Vec<_>>();
    view! {
        <Title text=current.title.clone() />
        <p class="text-sm"><a class="link" href="/regulasi">{t.regulation_back}</a></p>
        <p class="mt-2 text-sm font-semibold uppercase tracking-wide text-brand-700">
            {label("regulation_kind_", &d.kind)}" · "{label("regulation_cat_", &d.category)}
        </p>
        <h1 class="text-2xl font-bold" data-testid="regulation-title">{current.title.clone()}</h1>
        <p class="mt-1 text-slate-700">{when}" · "{fill(t.regulation_version_n, &[("n", &newest.to_string())])}</p>
        <div class="card mt-4 max-w-3xl space-y-2" data-testid="regulation-body">
            {paragraphs(&current.body).into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            {link.map(|href| view! { <p><a class="link" href=href>{t.regulation_go_to_service}</a></p> })}
        </div>
        <section class="mt-8" aria-labelledby="versi-regulasi">
            <h2 id="versi-regulasi" class="text-xl font-semibold">{t.regulation_versions}</h2>
            <ol class="mt-3 space-y-2" data-testid="regulation-versions">
                {d.versions.iter().map(|v| view! {
                    <li class="card">
                        <p class="font-medium">{fill(t.regulation_version_n, &[("n", &v.version.to_string())])}" — "{v.title.clone()}</p>
                        <p class="text-sm text-slate-700">{fill(t.regulation_in_force_since, &[("date", &v.effective_on)])}" · "{t.regulation_published_at}" "{v.published.clone()}</p>
                        {(!v.change_note.is_empty()).then(|| view! { <p class="mt-1">{t.regulation_what_changed}" "{v.change_note.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
        {(options.len() > 1).then(|| view! { <CompareForm id=d.id options a b /> })}
        {compare.map(|(old, new)| view! { <SideBySide old new /> })}
        {d.form.map(|form| view! { <RegulationEditor form publish /> })}
    }
}

#[component]
fn CompareForm(id: i64, options: Vec<i64>, a: i64, b: i64) -> impl IntoView {
    let t = use_strings();
    let select = move |name: &'static str, chosen: i64, label: &'static str| {
        let field = format!("banding-{name}");
        view! {
            <div>
                <label for=field.clone() class="block font-medium">{label}</label>
                <select id=field name=name class="mt-1 rounded-lg border border-slate-400 bg-white px-3 py-2">
                    {options.iter().map(|n| view! { <option value=*n selected=*n == chosen>{fill(t.regulation_version_n, &[("n", &n.to_string())])}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <form method="get" action=format!("/regulasi/{id}") class="mt-6 flex flex-wrap items-end gap-3">
            {select("a", a, t.regulation_compare_left)}
            {select("b", b, t.regulation_compare_right)}
            <button type="submit" class="btn-secondary" data-testid="regulation-compare">{t.regulation_compare}</button>
        </form>
    }
}

#[component]
fn SideBySide(old: VersionView, new: VersionView) -> impl IntoView {
    let t = use_strings();
    let column = move |this: &VersionView, other: &VersionView| {
        let heading = fill(t.regulation_version_n, &[("n", &this.version.to_string())]);
        view! {
            <div class="card" data-testid="regulation-side">
                <h3 class="font-semibold">{heading}" — "{this.title.clone()}</h3>
                {marked_paragraphs(&this.body, &other.body).into_iter().map(|(p, changed)| if changed {
                    view! { <p class="mt-2"><mark class="bg-amber-100 px-1" data-testid="regulation-changed">{p}</mark></p> }.into_any()
                } else {
                    view! { <p class="mt-2">{p}</p> }.into_any()
                }).collect_view()}
            </div>
        }
    };
    view! {
        <section class="mt-6" aria-labelledby="banding-versi">
            <h2 id="banding-versi" class="text-xl font-semibold">{t.regulation_side_by_side}</h2>
            <p class="text-sm text-slate-700">{t.regulation_changed_hint}</p>
            <div class="mt-3 grid gap-4 md:grid-cols-2">{column(&old, &new)}{column(&new, &old)}</div>
        </section>
    }
}
