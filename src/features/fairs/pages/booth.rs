//! The public booth pages: a booth with its vacancies and slots (where a seeker applies and books), and
//! the booth's large-screen mode.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    core::i18n::fill,
    features::fairs::{
        api::{ApplyAtBooth, BookSlot, CancelSlotBooking, load_booth, load_booth_screen},
        model::{BoothPage, MyBooking, SlotView},
        pages::public::{QrCode, id_param},
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn BoothPublicPage() -> impl IntoView {
    let t = use_strings();
    let booth_id = id_param("id");
    let book = ServerAction::<BookSlot>::new();
    let cancel = ServerAction::<CancelSlotBooking>::new();
    let apply = ServerAction::<ApplyAtBooth>::new();
    let booth = Resource::new(
        move || {
            (
                booth_id.get(),
                book.version().get(),
                cancel.version().get(),
                apply.version().get(),
            )
        },
        |(id, ..)| load_booth(id),
    );
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || booth.get().map(|result| match result {
                Ok(page) => view! { <BoothView page book cancel apply /> }.into_any(),
                Err(error) => {
                    crate::ui::set_status(error.status_code());
                    view! { <Title text=t.fairs_title /><ErrorPanel error /> }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn BoothView(
    page: BoothPage,
    book: ServerAction<BookSlot>,
    cancel: ServerAction<CancelSlotBooking>,
    apply: ServerAction<ApplyAtBooth>,
) -> impl IntoView {
    let t = use_strings();
    let booth_id = page.id;
    let seeker = page.viewer == "seeker";
    let can_book = seeker && page.registered && page.my_booking.is_none();
    view! {
        <Title text=page.company_name.clone() />
        <p class="text-sm"><a class="link" href=format!("/bursa-kerja/{}", page.fair.id)>{page.fair.name.clone()}</a></p>
        {page.has_banner.then(|| view! { <img src=format!("/bursa-kerja/stan/{booth_id}/spanduk") alt="" class="mt-3 h-40 w-full rounded-xl object-cover sm:h-56" /> })}
        <h1 class="mt-3 text-2xl font-bold" data-testid="booth-name">{page.company_name.clone()}</h1>
        <p class="mt-2 max-w-3xl whitespace-pre-line text-slate-800">{page.description.clone()}</p>
        <p class="mt-1 text-sm text-slate-700">{t.booth_contact_hours}": "{page.contact_hours.clone()}</p>
        <p class="mt-1 text-sm"><a class="link" href=format!("/bursa-kerja/stan/{booth_id}/layar")>{t.booth_screen_link}</a></p>
        <FormProblem errors=FormErrors::new(apply.value()) />
        <div class="mt-6 grid gap-6 lg:grid-cols-2">
            <section class="card" aria-labelledby="booth-vacancies">
                <h2 id="booth-vacancies" class="text-lg font-semibold">{t.booth_vacancies}</h2>
                {page.vacancies.is_empty().then(|| view! { <p class="mt-2">{t.booth_no_vacancies}</p> })}
                <ul class="mt-2 divide-y divide-slate-200" data-testid="booth-vacancies">
                    {page.vacancies.into_iter().map(|v| view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 py-3">
                            <div>
                                <a class="link font-medium" href=format!("/lowongan/{}", v.id)>{v.title.clone()}</a>
                                <p class="text-sm text-slate-600">{v.district.clone()}</p>
                            </div>
                            {if v.applied {
                                view! { <span class="text-sm font-semibold text-emerald-800">{t.booth_applied}</span> }.into_any()
                            } else if seeker {
                                view! {
                                    <ActionForm action=apply>
                                        <input type="hidden" name="booth_id" value=booth_id />
                                        <input type="hidden" name="vacancy_id" value=v.id />
                                        <button type="submit" class="btn-secondary" data-testid="booth-apply">{t.booth_apply}</button>
                                    </ActionForm>
                                }.into_any()
                            } else {
                                ().into_any()
                            }}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section class="card" aria-labelledby="booth-slots">
                <h2 id="booth-slots" class="text-lg font-semibold">{t.booth_slots}</h2>
                <p class="text-sm text-slate-700">{t.booth_slots_lead}</p>
                {page.my_booking.clone().map(|b| view! { <MyBookingBox booking=b cancel /> })}
                {(seeker && !page.registered).then(|| view! {
                    <p class="mt-2 rounded-lg bg-amber-50 p-3 text-amber-900">{t.booth_register_first}" "
                        <a class="link" href=format!("/bursa-kerja/{}", page.fair.id)>{t.fair_register}</a></p>
                })}
                {(page.viewer == "anonymous").then(|| view! {
                    <p class="mt-2 text-sm">{t.fair_sign_in_to_register}" "
                        <a class="link" href=format!("/masuk?kembali=/bursa-kerja/stan/{booth_id}")>{t.sign_in}</a></p>
                })}
                <FormProblem errors=FormErrors::new(book.value()) />
                {page.slots.is_empty().then(|| view! { <p class="mt-2">{t.booth_no_slots}</p> })}
                <ul class="mt-3 grid gap-2 sm:grid-cols-2" data-testid="booth-slot-list">
                    {page.slots.into_iter().map(|slot| view! { <SlotItem item=slot can_book book /> }).collect_view()}
                </ul>
            </section>
        </div>
    }
}

#[component]
fn SlotItem(item: SlotView, can_book: bool, book: ServerAction<BookSlot>) -> impl IntoView {
    let t = use_strings();
    let slot = item;
    let free = slot.free();
    view! {
        <li class="flex items-center justify-between gap-2 rounded-lg border border-slate-200 p-2" data-testid="booth-slot">
            <div>
                <p class="font-medium">{slot.starts_at.clone()}</p>
                <p class="text-sm text-slate-600">{format!("{} {}", slot.minutes, t.minutes_unit)}" · "
                    <span data-testid="slot-free">{if free > 0 { fill(t.slot_free, &[("count", &free.to_string())]) } else { t.slot_full.to_owned() }}</span></p>
            </div>
            {(can_book && free > 0).then(|| view! {
                <ActionForm action=book>
                    <input type="hidden" name="slot_id" value=slot.id />
                    <button type="submit" class="btn-primary" data-testid="book-slot">{t.slot_book}</button>
                </ActionForm>
            })}
        </li>
    }
}

#[component]
pub fn MyBookingBox(booking: MyBooking, cancel: ServerAction<CancelSlotBooking>) -> impl IntoView {
    let t = use_strings();
    let status = t
        .lookup(&format!("booking_status_{}", booking.status))
        .unwrap_or_default();
    view! {
        <div class="mt-2 rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-emerald-950" data-testid="my-booking">
            <p class="font-semibold">{booking.company_name.clone()}": "{booking.starts_at.clone()}" ("{booking.minutes}" "{t.minutes_unit}")"</p>
            <p class="text-sm">{status}</p>
            {booking.video_url.clone().map(|url| view! { <p class="text-sm"><a class="link" href=url rel="noopener" target="_blank">{t.slot_video_link}</a></p> })}
            {(booking.status == "booked").then(|| view! {
                <ActionForm action=cancel attr:class="mt-2">
                    <input type="hidden" name="booking_id" value=booking.id />
                    <button type="submit" class="btn-secondary" data-testid="cancel-booking">{t.slot_cancel}</button>
                </ActionForm>
            })}
        </div>
    }
}

/// A large display at the booth: readable from two metres, refreshed every 30 seconds.
#[component]
pub fn BoothScreenPage() -> impl IntoView {
    let t = use_strings();
    let booth_id = id_param("id");
    let tick = RwSignal::new(0_u32);
    #[cfg(feature = "hydrate")]
    {
        let handle = set_interval_with_handle(
            move || tick.update(|n| *n = n.wrapping_add(1)),
            std::time::Duration::from_secs(30),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    }
    let screen = Resource::new(
        move || (booth_id.get(), tick.get()),
        |(id, _)| load_booth_screen(id),
    );
    view! {
        <Title text=t.booth_screen_title />
        <div class="fixed inset-0 z-50 overflow-auto bg-white p-6 text-slate-900 lg:p-10" data-testid="booth-screen"
            // Nobody touches a booth screen: it hydrates unasked, to refresh itself (ui::hydration).
            data-hydrate="now">
            <Transition fallback=move || view! { <p class="text-3xl">{t.loading}</p> }>
                {move || screen.get().map(|result| match result {
                    Ok(s) => view! {
                        <div class="grid h-full gap-8 lg:grid-cols-3">
                            <div class="lg:col-span-2">
                                <p class="text-2xl text-brand-700 lg:text-4xl">{s.fair_name.clone()}</p>
                                <h1 class="mt-2 text-5xl font-extrabold leading-tight lg:text-7xl">{s.company_name.clone()}</h1>
                                <h2 class="mt-8 text-3xl font-bold lg:text-5xl">{t.booth_vacancies}</h2>
                                <ul class="mt-3 space-y-2 text-3xl lg:text-5xl">
                                    {s.vacancies.iter().map(|title| view! { <li>"• "{title.clone()}</li> }).collect_view()}
                                </ul>
                                <h2 class="mt-10 text-3xl font-bold lg:text-5xl">{t.booth_next_slots}</h2>
                                <ul class="mt-4 grid gap-4 text-2xl lg:grid-cols-2 lg:text-4xl" data-testid="screen-slots">
                                    {s.next_slots.iter().map(|slot| {
                                        let free = slot.free();
                                        let free_class = if free > 0 { "text-emerald-800" } else { "text-red-800" };
                                        view! {
                                            <li class="flex justify-between gap-4 rounded-xl border-2 border-slate-300 px-5 py-4">
                                                <span class="font-semibold">{slot.starts_at.get(11..).unwrap_or_default().to_owned()}</span>
                                                <span class=free_class>
                                                    {if free > 0 { fill(t.slot_free, &[("count", &free.to_string())]) } else { t.slot_full.to_owned() }}
                                                </span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                {s.next_slots.is_empty().then(|| view! { <p class="mt-2 text-2xl">{t.booth_no_slots}</p> })}
                            </div>
                            <div class="flex flex-col items-center justify-center text-center">
                                <QrCode qr=s.qr.clone() label=t.booth_screen_scan.to_owned() class="h-72 w-72 lg:h-96 lg:w-96" />
                                <p class="mt-4 text-3xl font-semibold lg:text-4xl">{t.booth_screen_scan}</p>
                                <p class="mt-2 break-all text-lg text-slate-600">{s.booth_url.clone()}</p>
                            </div>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                })}
            </Transition>
        </div>
    }
}
