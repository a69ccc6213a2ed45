//! Checking tickets in: the camera reads the QR code where the browser can (BarcodeDetector), and the
//! code can always be typed. Opening the ticket's QR link fills the code in; checking in is a POST.
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::core::text::format_wib;
use crate::{
    features::fairs::{api::CheckInTicket, model::ticket_code_from_scan},
    ui::{
        form::{FormErrors, FormProblem},
        use_strings,
    },
};

#[component]
pub fn CheckInPage() -> impl IntoView {
    let t = use_strings();
    let check_in = ServerAction::<CheckInTicket>::new();
    let query = use_query_map();
    let code = RwSignal::new(query.with_untracked(|q| {
        q.get("kode")
            .map(|c| ticket_code_from_scan(&c))
            .unwrap_or_default()
    }));
    let errors = FormErrors::new(check_in.value());
    let camera_note = RwSignal::new(None::<&'static str>);
    let video = NodeRef::<leptos::html::Video>::new();
    let scanning = RwSignal::new(false);
    let on_camera = move |_| {
        #[cfg(feature = "hydrate")]
        camera::start(video, scanning, camera_note, move |scanned| {
            let scanned = ticket_code_from_scan(&scanned);
            code.set(scanned.clone());
            check_in.dispatch(CheckInTicket { code: scanned });
        });
    };
    let result = move || check_in.value().get().and_then(Result::ok);
    view! {
        <Title text=t.check_in_title />
        <h1 class="text-2xl font-bold">{t.check_in_title}</h1>
        <p class="mt-1 max-w-3xl text-slate-700">{t.check_in_lead}</p>
        <div class="mt-4 grid gap-6 lg:grid-cols-2">
            <section class="card">
                <ActionForm action=check_in attr:class="grid gap-3" attr:data-testid="check-in-form">
                    <label for="ticket-code" class="font-medium">{t.ticket_code}</label>
                    <input id="ticket-code" name="code" autocomplete="off" autocapitalize="characters"
                        class="w-full rounded-lg border border-slate-400 px-3 py-3 font-mono text-2xl tracking-widest"
                        prop:value=move || code.get() on:input=move |ev| code.set(event_target_value(&ev))
                        aria-describedby="ticket-code-error" />
                    <p id="ticket-code-error" class="text-sm text-red-800" role="alert">
                        {move || errors.field("code").get().map(|key| crate::core::i18n::localize(t, &key))}
                    </p>
                    <button type="submit" class="btn-primary justify-self-start text-lg" data-testid="check-in-submit">{t.check_in_button}</button>
                </ActionForm>
                <FormProblem errors />
                {move || result().map(|outcome| {
                    let (class, headline) = if outcome.first_check_in {
                        ("mt-4 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-emerald-950", t.check_in_done)
                    } else {
                        ("mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950", t.check_in_already)
                    };
                    view! {
                        <div role="status" class=class data-testid="check-in-result">
                            <p class="text-xl font-bold">{headline}</p>
                            <p class="text-lg">{outcome.visitor.clone()}</p>
                            <p class="text-sm">{outcome.fair_name.clone()}" · "{format_wib(outcome.checked_in_at_ms)}</p>
                            {outcome.booth_visit.then(|| view! { <p class="text-sm">{t.check_in_booth_visit}</p> })}
                        </div>
                    }
                })}
            </section>
            <section class="card">
                <h2 class="text-lg font-semibold">{t.check_in_camera}</h2>
                <video node_ref=video class="mt-3 aspect-square w-full max-w-sm rounded-lg bg-slate-900" playsinline=true muted=true
                    class:hidden=move || !scanning.get()></video>
                <p class="mt-2 text-sm text-slate-700" role="status">{move || camera_note.get()}</p>
                <button type="button" class="btn-secondary mt-3" on:click=on_camera disabled=move || scanning.get()>{t.check_in_start_camera}</button>
            </section>
        </div>
    }
}

/// The camera and the browser's QR reader, driven from Rust through `web-sys` and `js-sys`.
#[cfg(feature = "hydrate")]
mod camera {
    use leptos::{
        prelude::*,
        task::spawn_local,
        wasm_bindgen::{JsCast, JsValue},
        web_sys::{HtmlVideoElement, MediaStream, MediaStreamConstraints, MediaStreamTrack},
    };
    use wasm_bindgen_futures::JsFuture;

    use crate::ui::use_strings;

    pub fn start(
        video: NodeRef<leptos::html::Video>,
        scanning: RwSignal<bool>,
        note: RwSignal<Option<&'static str>>,
        on_code: impl Fn(String) + 'static,
    ) {
        let t = use_strings();
        let Some(element) = video.get_untracked() else {
            return;
        };
        let Some(detector) = detector() else {
            note.set(Some(t.check_in_no_detector));
            return;
        };
        scanning.set(true);
        note.set(Some(t.check_in_point_camera));
        spawn_local(async move {
            let Ok(stream) = open(&element).await else {
                scanning.set(false);
                note.set(Some(t.check_in_no_camera));
                return;
            };
            // Up to two minutes of looking, four times a second.
            for _ in 0..480 {
                if let Some(scanned) = detect(&detector, &element).await {
                    on_code(scanned);
                    break;
                }
                sleep(250).await;
            }
            for track in stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                    track.stop();
                }
            }
            scanning.set(false);
            note.set(None);
        });
    }

    async fn open(video: &HtmlVideoElement) -> Result<MediaStream, JsValue> {
        let devices = web_sys::window()
            .ok_or(JsValue::NULL)?
            .navigator()
            .media_devices()?;
        let constraints = MediaStreamConstraints::new();
        let wanted = js_sys::Object::new();
        js_sys::Reflect::set(&wanted, &"facingMode".into(), &"environment".into())?;
        constraints.set_video(&wanted);
        let stream: MediaStream =
            JsFuture::from(devices.get_user_media_with_constraints(&constraints)?)
                .await?
                .dyn_into()?;
        video.set_src_object(Some(&stream));
        JsFuture::from(video.play()?).await?;
        Ok(stream)
    }

    /// `new BarcodeDetector({ formats: ['qr_code'] })`, where the browser has one.
    fn detector() -> Option<JsValue> {
        let constructor =
            js_sys::Reflect::get(&js_sys::global(), &"BarcodeDetector".into()).ok()?;
        let constructor: js_sys::Function = constructor.dyn_into().ok()?;
        let options = js_sys::Object::new();
        js_sys::Reflect::set(
            &options,
            &"formats".into(),
            &js_sys::Array::of1(&"qr_code".into()),
        )
        .ok()?;
        js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&options)).ok()
    }

    async fn detect(detector: &JsValue, video: &HtmlVideoElement) -> Option<String> {
        let detect: js_sys::Function = js_sys::Reflect::get(detector, &"detect".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let promise: js_sys::Promise = detect.call1(detector, video).ok()?.dyn_into().ok()?;
        let found: js_sys::Array = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        let first = found.get(0);
        if first.is_undefined() {
            return None;
        }
        js_sys::Reflect::get(&first, &"rawValue".into())
            .ok()?
            .as_string()
    }

    async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = JsFuture::from(promise).await;
    }
}
