//! The seeker's job-fair tickets: the QR code and code to show at the entrance, the PDF, the booked
//! booth slots (with the video-call link of an online slot), cancelling.
use leptos::prelude::*;
use leptos_meta::Title;

use crate::core::text::format_wib;
use crate::{
    features::fairs::{
        api::{CancelFairRegistration, CancelSlotBooking, load_my_tickets},
        model::MyTicket,
        pages::{
            booth::MyBookingBox,
            public::{QrCode, dates_text, kind_text},
        },
    },
    ui::{
        error_panel::ErrorPanel,
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn MyFairsPage() -> impl IntoView {
    let t = use_strings();
    let cancel_booking = ServerAction::<CancelSlotBooking>::new();
    let cancel_registration = ServerAction::<CancelFairRegistration>::new();
    let tickets = Resource::new(
        move || {
            (
                cancel_booking.version().get(),
                cancel_registration.version().get(),
            )
        },
        |_| load_my_tickets(),
    );
    view! {
        <Title text=t.my_fairs_title />
        <h1 class="text-2xl font-bold">{t.my_fairs_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.my_fairs_lead}</p>
        <FormProblem errors=FormErrors::new(cancel_booking.value()) />
        <FormProblem errors=FormErrors::new(cancel_registration.value()) />
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || tickets.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! {
                    <p class="card mt-4">{t.my_fairs_none}" "<a class="link" href="/bursa-kerja">{t.fairs_title}</a></p>
                }.into_any(),
                Ok(list) => view! {
                    <ul class="mt-4 space-y-6" data-testid="my-tickets">
                        {list.into_iter().map(|ticket| view! { <TicketCard ticket cancel_booking cancel_registration /> }).collect_view()}
                    </ul>
                }.into_any(),
                Err(error) => view! { <div class="mt-4"><ErrorPanel error /></div> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TicketCard(
    ticket: MyTicket,
    cancel_booking: ServerAction<CancelSlotBooking>,
    cancel_registration: ServerAction<CancelFairRegistration>,
) -> impl IntoView {
    let t = use_strings();
    let fair = ticket.fair.clone();
    let fair_id = fair.id;
    let checked_in = ticket.checked_in_at_ms;
    view! {
        <li class="card grid gap-6 md:grid-cols-[auto_1fr]" data-testid="ticket">
            <div class="flex flex-col items-center">
                <QrCode qr=ticket.qr.clone() label=format!("{} {}", t.fair_ticket, ticket.code) class="h-56 w-56" />
                <p class="mt-2 font-mono text-2xl font-bold tracking-widest" data-testid="ticket-code">{ticket.code.clone()}</p>
                <a class="link mt-2 text-sm" href=format!("/akun/bursa-kerja/{}/tiket.pdf", ticket.registration_id) rel="external">{t.ticket_pdf}</a>
            </div>
            <div>
                <p class="text-sm font-semibold uppercase tracking-wide text-brand-700">{kind_text(t, &fair.kind)}</p>
                <h2 class="text-xl font-semibold"><a class="link" href=format!("/bursa-kerja/{fair_id}")>{fair.name.clone()}</a></h2>
                <p class="text-slate-700">{dates_text(&fair)}</p>
                <p class="text-slate-700">{fair.venue.clone()}</p>
                <p class="mt-2 font-semibold" data-testid="ticket-state">
                    {match checked_in {
                        Some(at) => format!("{} {}", t.ticket_checked_in, format_wib(at)),
                        None => t.ticket_not_checked_in.to_owned(),
                    }}
                </p>
                <h3 class="mt-4 font-semibold">{t.my_slots}</h3>
                {ticket.bookings.is_empty().then(|| view! { <p class="text-sm text-slate-700">{t.my_slots_none}</p> })}
                {ticket.bookings.into_iter().map(|booking| view! { <MyBookingBox booking cancel=cancel_booking /> }).collect_view()}
                {(checked_in.is_none() && fair.status == "published").then(|| view! {
                    <ActionForm action=cancel_registration attr:class="mt-4">
                        <input type="hidden" name="fair_id" value=fair_id />
                        <button type="submit" class="btn-secondary">{t.ticket_cancel}</button>
                    </ActionForm>
                })}
            </div>
        </li>
    }
}
