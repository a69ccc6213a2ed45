//! The officer's step forms on a case: only the steps the case's status allows (the server checks again).
use leptos::prelude::*;

use crate::{
    features::complaints::{
        api::ComplaintStep,
        model::{Forum, OfficerCase, Outcome, Status, Step},
        pages::parts::label,
    },
    ui::use_strings,
};

const INPUT: &str = "mt-1 w-full rounded-lg border border-slate-400 px-3 py-2";

/// One form: a labelled set of inputs and a submit button for `step`.
#[component]
fn StepCard(
    id: i64,
    step: Step,
    action: ServerAction<ComplaintStep>,
    children: Children,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <ActionForm action attr:class="card grid gap-2" attr:data-testid=format!("step-{}", step.as_str())>
            <h3 class="font-semibold">{label(t, "step", step.as_str())}</h3>
            <input type="hidden" name="form[complaint_id]" value=id />
            <input type="hidden" name="form[step]" value=step.as_str() />
            {children()}
            <p class="text-sm text-slate-600">{if step.company_sees() { t.complaint_step_company_sees } else { t.complaint_step_company_hidden }}</p>
            <button type="submit" class="btn-primary justify-self-start">{label(t, "step", step.as_str())}</button>
        </ActionForm>
    }
}

/// A labelled input inside a step form (ids made unique by the step).
fn input(step: Step, name: &'static str, text: &'static str, kind: &'static str) -> impl IntoView {
    let id = format!("{}-{name}", step.as_str());
    view! {
        <div class="field">
            <label for=id.clone() class="block text-sm font-medium">{text}</label>
            {if kind == "textarea" {
                view! { <textarea id=id name=format!("form[{name}]") rows="3" class=INPUT></textarea> }.into_any()
            } else {
                view! { <input id=id name=format!("form[{name}]") type=kind class=INPUT /> }.into_any()
            }}
        </div>
    }
}

fn select(
    step: Step,
    name: &'static str,
    text: &'static str,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let id = format!("{}-{name}", step.as_str());
    view! {
        <div class="field">
            <label for=id.clone() class="block text-sm font-medium">{text}</label>
            <select id=id name=format!("form[{name}]") class=INPUT>
                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn StepForms(case: OfficerCase, step: ServerAction<ComplaintStep>) -> impl IntoView {
    let t = use_strings();
    let status = Status::parse(&case.status)?;
    let id = case.id;
    let steps: Vec<Step> = Step::ALL
        .iter()
        .copied()
        .filter(|s| s.from().contains(&status))
        .collect();
    let outcomes: Vec<(String, String)> = Outcome::ALL
        .iter()
        .filter(|o| **o != Outcome::Agreement)
        .map(|o| (o.as_str().to_owned(), label(t, "outcome", o.as_str())))
        .collect();
    let sessions: Vec<(String, String)> = case
        .sessions
        .iter()
        .filter(|s| s.minutes.is_none())
        .map(|s| {
            (
                s.number.to_string(),
                format!("{} {}", t.complaint_session, s.number),
            )
        })
        .collect();
    let sides = vec![
        ("worker".to_owned(), label(t, "role", "complainant")),
        ("company".to_owned(), label(t, "role", "company")),
    ];
    let forums: Vec<(String, String)> = Forum::ALL
        .iter()
        .map(|f| (f.as_str().to_owned(), label(t, "forum", f.as_str())))
        .collect();
    let answers = vec![
        ("accept".to_owned(), t.complaint_answer_accept.to_owned()),
        ("reject".to_owned(), t.complaint_answer_reject.to_owned()),
    ];
    let forms = steps.into_iter().map(|s| {
        let body = match s {
            Step::Accept => ().into_any(),
            Step::Refer => view! {
                {input(s, "text", t.complaint_reason_text, "textarea")}
                {input(s, "body", t.complaint_refer_body, "text")}
                <p class="text-sm text-slate-600">{t.complaint_refer_hint}</p>
            }.into_any(),
            Step::BipartiteFailed => view! {
                {input(s, "parties", t.complaint_parties, "text")}
                {input(s, "date", t.complaint_date, "date")}
                {input(s, "place", t.complaint_place, "text")}
                {input(s, "text", t.complaint_issue, "textarea")}
                {input(s, "positions", t.complaint_positions, "textarea")}
                {input(s, "conclusion", t.complaint_conclusion, "textarea")}
                <label class="text-sm"><input type="checkbox" name="form[no_response]" value="1" class="mr-2" />{t.complaint_no_response}</label>
            }.into_any(),
            Step::Session => view! { {input(s, "date", t.complaint_date, "date")} {input(s, "place", t.complaint_place, "text")} }.into_any(),
            Step::Minutes => view! { {select(s, "session", t.complaint_session, sessions.clone())} {input(s, "text", t.complaint_minutes, "textarea")} }.into_any(),
            Step::Answer => view! { {select(s, "side", t.complaint_side, sides.clone())} {select(s, "answer", t.complaint_your_answer, answers.clone())} }.into_any(),
            Step::Chosen => view! { {select(s, "forum", t.complaint_forum, forums.clone())} {input(s, "body", t.complaint_forum_body, "text")} }.into_any(),
            Step::Close => view! { {select(s, "outcome", t.complaint_outcome, outcomes.clone())} {input(s, "text", t.complaint_note, "textarea")} }.into_any(),
            _ => input(s, "text", t.complaint_text, "textarea").into_any(),
        };
        view! { <StepCard id step=s action=step>{body}</StepCard> }
    }).collect_view();
    Some(view! {
        <section class="mt-6" aria-labelledby="complaint-steps">
            <h2 id="complaint-steps" class="text-lg font-semibold">{t.complaint_steps}</h2>
            <div class="mt-2 grid gap-4 lg:grid-cols-2" data-testid="complaint-steps">{forms}</div>
        </section>
    })
}
