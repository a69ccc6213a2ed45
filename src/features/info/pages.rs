//! Public information: the regulations the portal applies, in plain words, and how each service works.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{core::i18n::Strings, ui::use_strings};

type Text = fn(&Strings) -> &'static str;

/// (title, body) of each regulation, in the order people meet them.
const RULES: [(Text, Text); 8] = [
    (|t| t.reg_ak1_title, |t| t.reg_ak1_body),
    (|t| t.reg_vacancy_title, |t| t.reg_vacancy_body),
    (|t| t.reg_umk_title, |t| t.reg_umk_body),
    (|t| t.reg_pkwt_title, |t| t.reg_pkwt_body),
    (|t| t.reg_overtime_title, |t| t.reg_overtime_body),
    (|t| t.reg_tka_title, |t| t.reg_tka_body),
    (|t| t.reg_pdp_title, |t| t.reg_pdp_body),
    (|t| t.reg_disputes_title, |t| t.reg_disputes_body),
];

const PROCEDURES: [(Text, &str); 5] = [
    (|t| t.proc_ak1, "/akun/profil"),
    (|t| t.proc_pkwt, "/perusahaan/pkwt"),
    (|t| t.proc_fairs, "/bursa-kerja"),
    (|t| t.proc_dkptka, "/perusahaan/tka"),
    (|t| t.proc_free, ""),
];

#[component]
pub fn RegulationsPage() -> impl IntoView {
    let t = use_strings();
    view! {
        <Title text=t.regulations_title />
        <h1 class="text-2xl font-bold">{t.regulations_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.regulations_lead}</p>
        <section class="mt-6" aria-labelledby="regulasi-aturan">
            <h2 id="regulasi-aturan" class="text-xl font-semibold">{t.regulations_rules}</h2>
            <ul class="mt-3 grid gap-4 md:grid-cols-2" data-testid="regulations">
                {RULES.iter().map(|(title, body)| view! {
                    <li class="card">
                        <h3 class="font-semibold text-brand-800">{title(t)}</h3>
                        <p class="mt-1 text-slate-700">{body(t)}</p>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="mt-8" aria-labelledby="regulasi-prosedur">
            <h2 id="regulasi-prosedur" class="text-xl font-semibold">{t.regulations_procedures}</h2>
            <ol class="mt-3 list-decimal space-y-2 pl-6">
                {PROCEDURES.iter().map(|(text, href)| view! {
                    <li>
                        {if href.is_empty() {
                            view! { <span>{text(t)}</span> }.into_any()
                        } else {
                            view! { <a class="link" href=*href>{text(t)}</a> }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
