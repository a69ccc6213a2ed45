//! The company's job-fair page: asking for a booth, the booth's text, banner and vacancies, its interview
//! slots (planned in runs, checked in the browser with the server's rules) and the day's queue.
use leptos::server_fn::ServerFn;
use leptos::{
    ev::SubmitEvent,
    prelude::*,
    wasm_bindgen::JsCast,
    web_sys::{FormData, HtmlFormElement},
};
use leptos_meta::Title;

use crate::{
    core::error::{AppError, FieldErrors},
    features::fairs::{
        api::{
            AddBoothSlots, DeleteBoothSlot, MarkSlotBooking, RequestBooth, SetBoothVacancy,
            UpdateBooth, load_company_fairs, upload_booth_banner,
        },
        model::{BoothStatus, CompanyBooth, FairCard},
        pages::public::{dates_text, kind_text},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{Field, FormErrors, FormProblem, Success, succeeded},
        use_strings,
    },
};

#[derive(Clone, Copy)]
struct BoothActions {
    update: ServerAction<UpdateBooth>,
    vacancy: ServerAction<SetBoothVacancy>,
    slots: ServerAction<AddBoothSlots>,
    delete_slot: ServerAction<DeleteBoothSlot>,
    mark: ServerAction<MarkSlotBooking>,
    banner: Action<FormData, Result<(), AppError>>,
}

#[component]
pub fn CompanyFairsPage() -> impl IntoView {
    let t = use_strings();
    let request = ServerAction::<RequestBooth>::new();
    let actions = BoothActions {
        update: ServerAction::new(),
        vacancy: ServerAction::new(),
        slots: ServerAction::new(),
        delete_slot: ServerAction::new(),
        mark: ServerAction::new(),
        banner: Action::new_local(|data: &FormData| upload_booth_banner(data.clone().into())),
    };
    let view_data = Resource::new(
        move || {
            (
                request.version().get(),
                actions.update.version().get(),
                actions.vacancy.version().get(),
                actions.slots.version().get(),
                actions.delete_slot.version().get(),
                actions.mark.version().get(),
                actions.banner.version().get(),
            )
        },
        |_| load_company_fairs(),
    );
    view! {
        <Title text=t.company_fairs_title />
        <h1 class="text-2xl font-bold">{t.company_fairs_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.company_fairs_lead}</p>
        <p class="mt-1 text-sm"><a class="link" href="/petugas/bursa-kerja/pindai">{t.check_in_title}</a></p>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || view_data.get().map(|result| match result {
                Ok(data) => {
                    let vacancies = data.vacancies.clone();
                    view! {
                        {(!data.company_verified).then(|| view! { <p class="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900">{t.company_fairs_unverified}</p> })}
                        <section class="mt-6" aria-labelledby="my-booths">
                            <h2 id="my-booths" class="text-xl font-semibold">{t.company_booths}</h2>
                            {data.booths.is_empty().then(|| view! { <p class="mt-2">{t.company_booths_none}</p> })}
                            <ul class="mt-3 space-y-6" data-testid="company-booths">
                                {data.booths.into_iter().map(|booth| view! { <BoothCard booth vacancies=vacancies.clone() actions /> }).collect_view()}
                            </ul>
                        </section>
                        <section class="mt-8" aria-labelledby="open-fairs">
                            <h2 id="open-fairs" class="text-xl font-semibold">{t.company_open_fairs}</h2>
                            {data.open_fairs.is_empty().then(|| view! { <p class="mt-2">{t.fairs_none}</p> })}
                            <ul class="mt-3 grid gap-4 md:grid-cols-2">
                                {data.open_fairs.into_iter().map(|fair| view! { <BoothRequestCard fair request /> }).collect_view()}
                            </ul>
                        </section>
                    }.into_any()
                }
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TextArea(
    label: &'static str,
    name: &'static str,
    /// Unique on the page (several booth forms share field names).
    id: String,
    error: Signal<Option<String>>,
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <div class="field">
            <label for=id.clone() class="block font-medium">{label}</label>
            <textarea id=id name=name rows="4" class="mt-1 w-full rounded-lg border border-slate-400 px-3 py-2"
                aria-invalid=move || error.try_get().flatten().is_some().to_string()>{value}</textarea>
            <p class="mt-1 text-sm text-red-800" role="alert">{move || error.try_get().flatten().map(|key| crate::core::i18n::localize(t, &key))}</p>
        </div>
    }
}

#[component]
fn BoothRequestCard(fair: FairCard, request: ServerAction<RequestBooth>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(request.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<RequestBooth>(&ev, |input| {
            input.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            request.dispatch(input);
        }
    };
    view! {
        <li class="card" data-testid="open-fair">
            <p class="text-sm font-semibold uppercase tracking-wide text-brand-700">{kind_text(t, &fair.kind)}</p>
            <h3 class="text-lg font-semibold">{fair.name.clone()}</h3>
            <p class="text-sm text-slate-700">{dates_text(&fair)}" · "{fair.venue.clone()}</p>
            <form method="post" action=RequestBooth::url() on:submit=on_submit novalidate class="mt-3 grid gap-3">
                <input type="hidden" name="fair_id" value=fair.id />
                <TextArea label=t.booth_description name="form[description]" id=format!("booth-request-{}", fair.id) error=errors.field("description") />
                <Field label=t.booth_contact_hours name="form[contact_hours]" id=format!("booth-request-hours-{}", fair.id) error=errors.field("contact_hours") hint=t.booth_contact_hours_hint />
                <FormProblem errors />
                <button type="submit" class="btn-primary justify-self-start" data-testid="request-booth">{t.booth_request}</button>
            </form>
        </li>
    }
}

#[component]
fn BoothCard(
    booth: CompanyBooth,
    vacancies: Vec<(i64, String)>,
    actions: BoothActions,
) -> impl IntoView {
    let t = use_strings();
    let status = t
        .lookup(&format!("booth_status_{}", booth.status))
        .unwrap_or_default();
    let approved = booth.status == BoothStatus::Approved.as_str();
    let booth_id = booth.id;
    view! {
        <li class="card" data-testid="company-booth">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="text-lg font-semibold">{booth.fair.name.clone()}</h3>
                <span class="text-sm font-semibold" data-testid="booth-status">{status}</span>
            </div>
            <p class="text-sm text-slate-700">{dates_text(&booth.fair)}</p>
            {booth.officer_note.clone().map(|note| view! { <p class="mt-1 text-sm">{t.officer_note}": "{note}</p> })}
            {approved.then(|| view! {
                <p class="mt-1 flex flex-wrap gap-4 text-sm">
                    <a class="link" href=format!("/bursa-kerja/stan/{booth_id}")>{t.booth_public_page}</a>
                    <a class="link" href=format!("/bursa-kerja/stan/{booth_id}/layar")>{t.booth_screen_link}</a>
                </p>
            })}
            <BoothTextForm booth=booth.clone() update=actions.update />
            {approved.then(|| view! {
                <BannerForm booth_id has_banner=booth.has_banner banner=actions.banner />
                <BoothVacancies booth_id chosen=booth.vacancy_ids.clone() vacancies vacancy=actions.vacancy />
                <SlotPlanCard booth=booth.clone() slots=actions.slots delete_slot=actions.delete_slot />
                <QueueList booth=booth.clone() mark=actions.mark />
            })}
        </li>
    }
}

#[component]
fn BoothTextForm(booth: CompanyBooth, update: ServerAction<UpdateBooth>) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(update.value());
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<UpdateBooth>(&ev, |input| {
            input.form.check().err().unwrap_or_else(FieldErrors::new)
        }) {
            update.dispatch(input);
        }
    };
    view! {
        <details class="mt-3">
            <summary class="cursor-pointer font-medium">{t.booth_edit_text}</summary>
            <form method="post" action=UpdateBooth::url() on:submit=on_submit novalidate class="mt-2 grid gap-3">
                <input type="hidden" name="booth_id" value=booth.id />
                <TextArea label=t.booth_description name="form[description]" id=format!("booth-text-{}", booth.id) error=errors.field("description") value=booth.description.clone() />
                <Field label=t.booth_contact_hours name="form[contact_hours]" id=format!("booth-hours-{}", booth.id) error=errors.field("contact_hours") value=booth.contact_hours.clone() />
                <FormProblem errors />
                <Success done=succeeded(update.value()) message=t.saved />
                <button type="submit" class="btn-secondary justify-self-start">{t.save}</button>
            </form>
        </details>
    }
}

#[component]
fn BannerForm(
    booth_id: i64,
    has_banner: bool,
    banner: Action<FormData, Result<(), AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(banner.value());
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let data = ev
            .target()
            .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
            .and_then(|form| FormData::new_with_form(&form).ok());
        if let Some(data) = data {
            banner.dispatch_local(data);
        }
    };
    view! {
        <form method="post" action=crate::features::fairs::api::UploadBoothBanner::url() enctype="multipart/form-data"
            on:submit=on_submit class="mt-3 flex flex-wrap items-end gap-3">
            <input type="hidden" name="booth_id" value=booth_id />
            <div class="field">
                <label for=format!("banner-{booth_id}") class="block font-medium">{t.booth_banner}</label>
                <p class="text-sm text-slate-600">{if has_banner { t.booth_banner_replace } else { t.booth_banner_hint }}</p>
                <input id=format!("banner-{booth_id}") type="file" name="banner" accept="image/jpeg,image/png" class="mt-1" />
                <p class="mt-1 text-sm text-red-800" role="alert">{move || errors.field("banner").get().map(|key| crate::core::i18n::localize(t, &key))}</p>
            </div>
            <button type="submit" class="btn-secondary">{t.upload}</button>
            <FormProblem errors />
        </form>
    }
}

#[component]
fn BoothVacancies(
    booth_id: i64,
    chosen: Vec<i64>,
    vacancies: Vec<(i64, String)>,
    vacancy: ServerAction<SetBoothVacancy>,
) -> impl IntoView {
    let t = use_strings();
    view! {
        <section class="mt-4">
            <h4 class="font-semibold">{t.booth_vacancies}</h4>
            <p class="text-sm text-slate-700">{t.booth_vacancies_lead}" "<a class="link" href="/perusahaan/lowongan">{t.booth_post_vacancy}</a></p>
            {vacancies.is_empty().then(|| view! { <p class="mt-1 text-sm">{t.booth_no_company_vacancies}</p> })}
            <ul class="mt-2 divide-y divide-slate-200" data-testid="booth-vacancy-picker">
                {vacancies.into_iter().map(|(id, title)| {
                    let shown = chosen.contains(&id);
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                            <span>{title}{shown.then(|| view! { <span class="ml-2 text-sm font-semibold text-emerald-800">{t.booth_vacancy_shown}</span> })}</span>
                            <ActionForm action=vacancy>
                                <input type="hidden" name="booth_id" value=booth_id />
                                <input type="hidden" name="vacancy_id" value=id />
                                <input type="hidden" name="show" value=if shown { "0" } else { "1" } />
                                <button type="submit" class="btn-secondary" data-testid="toggle-booth-vacancy">
                                    {if shown { t.booth_vacancy_hide } else { t.booth_vacancy_show }}
                                </button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn SlotPlanCard(
    booth: CompanyBooth,
    slots: ServerAction<AddBoothSlots>,
    delete_slot: ServerAction<DeleteBoothSlot>,
) -> impl IntoView {
    let t = use_strings();
    let errors = FormErrors::new(slots.value());
    let hours = booth.fair.hours();
    let on_submit = move |ev: SubmitEvent| {
        if let Some(input) = errors.check::<AddBoothSlots>(&ev, |input| match &hours {
            Some(hours) => input
                .plan
                .check(hours)
                .err()
                .unwrap_or_else(FieldErrors::new),
            None => FieldErrors::new(),
        }) {
            slots.dispatch(input);
        }
    };
    let added = move || slots.value().get().and_then(Result::ok);
    let online = booth.fair.kind != "onsite";
    view! {
        <section class="mt-4">
            <h4 class="font-semibold">{t.booth_slots}</h4>
            <form method="post" action=AddBoothSlots::url() on:submit=on_submit on:input=move |ev| errors.clear_on_input(&ev) novalidate
                class="mt-2 grid gap-3 sm:grid-cols-3" data-testid="slot-plan">
                <input type="hidden" name="booth_id" value=booth.id />
                <Field label=t.slot_day name="plan[day]" id=format!("slot-day-{}", booth.id) error=errors.field("day") kind="date" value=booth.fair.starts_on.clone() />
                <Field label=t.slot_from name="plan[from]" id=format!("slot-from-{}", booth.id) error=errors.field("from") kind="time" value=booth.fair.opens_at.clone() />
                <Field label=t.slot_until name="plan[until]" id=format!("slot-until-{}", booth.id) error=errors.field("until") kind="time" />
                <Field label=t.slot_minutes name="plan[minutes]" id=format!("slot-minutes-{}", booth.id) error=errors.field("minutes") inputmode="numeric" value="15" />
                <Field label=t.slot_capacity name="plan[capacity]" id=format!("slot-capacity-{}", booth.id) error=errors.field("capacity") inputmode="numeric" value="3" />
                {online.then(|| view! {
                    <Field label=t.slot_video_url name="plan[video_url]" id=format!("slot-video_url-{}", booth.id) error=errors.field("video_url") kind="url" hint=t.slot_video_hint />
                })}
                <div class="grid gap-2 sm:col-span-3">
                    <FormProblem errors />
                    {move || added().map(|n| view! { <p role="status" class="text-emerald-900">{crate::core::i18n::fill(t.slots_added, &[("count", &n.to_string())])}</p> })}
                    <button type="submit" class="btn-primary justify-self-start" data-testid="add-slots">{t.slots_add}</button>
                </div>
            </form>
            <FormProblem errors=FormErrors::new(delete_slot.value()) />
            <ul class="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="company-slots">
                {booth.slots.into_iter().map(|slot| view! {
                    <li class="flex items-center justify-between gap-2 rounded-lg border border-slate-200 p-2 text-sm">
                        <span>{slot.starts_at.clone()}" · "{format!("{}/{}", slot.booked, slot.capacity)}</span>
                        {(slot.booked == 0).then(|| view! {
                            <ActionForm action=delete_slot>
                                <input type="hidden" name="slot_id" value=slot.id />
                                <button type="submit" class="link text-red-800">{t.remove}</button>
                            </ActionForm>
                        })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn QueueList(booth: CompanyBooth, mark: ServerAction<MarkSlotBooking>) -> impl IntoView {
    let t = use_strings();
    view! {
        <section class="mt-4">
            <h4 class="font-semibold">{t.booth_queue}" "{booth.queue_day.clone()}</h4>
            {booth.queue.is_empty().then(|| view! { <p class="text-sm">{t.booth_queue_empty}</p> })}
            <ul class="mt-2 divide-y divide-slate-200" data-testid="booth-queue">
                {booth.queue.into_iter().map(|entry| {
                    let status = t.lookup(&format!("booking_status_{}", entry.status)).unwrap_or_default();
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="queue-entry">
                            <span>
                                <span class="font-mono">{entry.starts_at.get(11..).unwrap_or_default().to_owned()}</span>" "
                                <span class="font-medium">{entry.seeker_name.clone()}</span>" · "{status}
                                {entry.checked_in.then(|| format!(" · {}", t.ticket_checked_in_short))}
                            </span>
                            <span class="flex gap-2">
                                <ActionForm action=mark>
                                    <input type="hidden" name="booking_id" value=entry.booking_id />
                                    <input type="hidden" name="outcome" value="attended" />
                                    <button type="submit" class="btn-secondary" data-testid="mark-attended">{t.booking_mark_attended}</button>
                                </ActionForm>
                                <ActionForm action=mark>
                                    <input type="hidden" name="booking_id" value=entry.booking_id />
                                    <input type="hidden" name="outcome" value="missed" />
                                    <button type="submit" class="btn-secondary">{t.booking_mark_missed}</button>
                                </ActionForm>
                            </span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <FormProblem errors=FormErrors::new(mark.value()) />
        </section>
    }
}
