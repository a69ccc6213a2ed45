//! The reference page partners read (`/api/v1/docs`), rendered on the server from the OpenAPI document
//! (no CDN, no script): an introduction (keys, pagination, webhooks and their payloads), then each
//! operation with the scope it needs, its parameters, the fields of its body and answer, and every
//! problem type under the anchor its `type` points at.
use std::sync::OnceLock;

use serde_json::Value;

use crate::features::partner_api::{openapi, problem::PROBLEM_TYPES};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page, built once.
pub fn docs_html() -> &'static str {
    static HTML: OnceLock<String> = OnceLock::new();
    HTML.get_or_init(|| {
        let doc: Value = serde_json::from_str(openapi::document_json()).unwrap_or_default();
        let mut html = String::from(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>d'naker DIGI partner API</title></head><body><main>\
             <h1>d'naker DIGI partner API (v1)</h1>",
        );
        let description = doc["info"]["description"].as_str().unwrap_or_default();
        html.push_str(&format!("<p>{}</p>", escape(description)));
        html.push_str(INTRO);
        html.push_str("<h2 id=\"operations\">Operations</h2>");
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                html.push_str(&operation_html(&doc, path, method, op));
            }
        }
        html.push_str("<h2 id=\"schemas\">Schemas</h2>");
        for (name, schema) in doc["components"]["schemas"]
            .as_object()
            .into_iter()
            .flatten()
        {
            html.push_str(&format!(
                "<section id=\"schema-{0}\"><h3><code>{0}</code></h3>",
                escape(name)
            ));
            if let Some(text) = schema["description"].as_str() {
                html.push_str(&format!("<p>{}</p>", escape(text)));
            }
            html.push_str(&fields_html(schema));
            html.push_str("</section>");
        }
        html.push_str(&problems_html());
        html.push_str(
            "<p><a href=\"/api/v1/openapi.json\">OpenAPI 3.1 document</a></p></main></body></html>",
        );
        html
    })
}

/// The scope an operation needs and whether it needs a purpose, from its tag's description
/// (`… (scope pkwt:read; purpose required)`).
fn scope_of(doc: &Value, op: &Value) -> (String, bool) {
    let tag = op["tags"][0].as_str().unwrap_or_default();
    let description = doc["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["name"] == tag)
        .and_then(|t| t["description"].as_str())
        .unwrap_or_default();
    let scope = description
        .split("scope ")
        .nth(1)
        .and_then(|rest| rest.split([';', ')']).next())
        .unwrap_or("-")
        .trim()
        .to_owned();
    (scope, description.contains("purpose required"))
}

/// The name a `$ref` points at.
fn ref_name(schema: &Value) -> Option<&str> {
    schema["$ref"].as_str().and_then(|r| r.rsplit('/').next())
}

fn schema_link(name: &str) -> String {
    format!("<a href=\"#schema-{0}\"><code>{0}</code></a>", escape(name))
}

/// A property's type as a reader says it: `string`, `integer or null`, `array of JobPosting`, a link.
fn type_html(schema: &Value) -> String {
    if let Some(name) = ref_name(schema) {
        return schema_link(name);
    }
    if let Some(options) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
        return options
            .iter()
            .map(type_html)
            .collect::<Vec<_>>()
            .join(" or ");
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec!["any"],
    };
    types
        .iter()
        .map(|t| match *t {
            "array" => format!("array of {}", type_html(&schema["items"])),
            other => escape(other),
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The fields of an object schema: name, type, required, description.
fn fields_html(schema: &Value) -> String {
    let Some(properties) = schema["properties"].as_object() else {
        return String::new();
    };
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut html = String::from(
        "<table><thead><tr><th>Field</th><th>Type</th><th>Required</th><th>Description</th></tr></thead><tbody>",
    );
    for (name, property) in properties {
        html.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(name),
            type_html(property),
            if required.contains(&name.as_str()) {
                "yes"
            } else {
                "no"
            },
            escape(property["description"].as_str().unwrap_or_default())
        ));
    }
    html.push_str("</tbody></table>");
    html
}

fn operation_html(doc: &Value, path: &str, method: &str, op: &Value) -> String {
    let (scope, purpose) = scope_of(doc, op);
    let mut html = format!(
        "<section><h3><code>{} {}</code></h3><p>{}</p><p>Scope: <code>{}</code>{}</p>",
        escape(&method.to_uppercase()),
        escape(path),
        escape(
            op["summary"]
                .as_str()
                .or(op["description"].as_str())
                .unwrap_or_default()
        ),
        escape(&scope),
        if purpose {
            "; a <code>purpose</code> is required (UU 27/2022)"
        } else {
            ""
        }
    );
    if let Some(params) = op["parameters"].as_array() {
        html.push_str("<h4>Query parameters</h4><ul>");
        for p in params {
            html.push_str(&format!(
                "<li><code>{}</code> ({}){}: {}</li>",
                escape(p["name"].as_str().unwrap_or_default()),
                type_html(&p["schema"]),
                if p["required"].as_bool() == Some(true) {
                    ", required"
                } else {
                    ""
                },
                escape(p["description"].as_str().unwrap_or_default())
            ));
        }
        html.push_str("</ul>");
    }
    if let Some(name) = ref_name(&op["requestBody"]["content"]["application/json"]["schema"]) {
        html.push_str(&format!("<h4>JSON body: {}</h4>", schema_link(name)));
        html.push_str(&fields_html(&doc["components"]["schemas"][name]));
    }
    html.push_str("<h4>Answers</h4><ul>");
    for (code, response) in op["responses"].as_object().into_iter().flatten() {
        let body = response["content"]
            .as_object()
            .and_then(|c| c.values().next())
            .and_then(|c| ref_name(&c["schema"]))
            .map(|name| format!(" ({})", schema_link(name)))
            .unwrap_or_default();
        html.push_str(&format!(
            "<li><code>{}</code>: {}{}</li>",
            escape(code),
            escape(response["description"].as_str().unwrap_or_default()),
            body
        ));
    }
    html.push_str("</ul></section>");
    html
}

fn problems_html() -> String {
    let mut html = String::from(
        "<h2 id=\"problems\">Problem types</h2><p>Every error is <code>application/problem+json</code> \
         (RFC 9457) whose <code>type</code> links to its entry here.</p><dl>",
    );
    for (slug, status, meaning) in PROBLEM_TYPES {
        html.push_str(&format!(
            "<dt id=\"problem-{slug}\"><code>{slug}</code> ({status})</dt><dd>{}</dd>",
            escape(meaning)
        ));
    }
    html.push_str("</dl>");
    html
}

const INTRO: &str = "<h2>Keys and scopes</h2><p>Disnaker's administrators issue keys on request \
    (name, partner, scopes, expiry, optionally the source addresses). A key is shown once, starts with \
    <code>dnk_live_</code>, and is sent as <code>Authorization: Bearer &lt;key&gt;</code>. Scopes: \
    <code>ak1:verify</code>, <code>pkwt:read</code>, <code>companies:read</code>, <code>vacancies:read</code>, \
    <code>fairs:read</code>, <code>statistics:read</code>, <code>checks:read</code>.</p>\
    <h2>Pagination and caching</h2><p>Lists take <code>cursor</code> and <code>limit</code> (1-100) and \
    answer <code>next_cursor</code> until the last page. Public lists carry an <code>ETag</code>; send it \
    back in <code>If-None-Match</code> to get 304 when nothing changed.</p>\
    <h2>Webhooks</h2><p>Deliveries follow Standard Webhooks 1.0: headers <code>webhook-id</code>, \
    <code>webhook-timestamp</code> and <code>webhook-signature</code> = <code>v1,</code> + base64 \
    HMAC-SHA256 of <code>id.timestamp.body</code> keyed with the base64-decoded part of your \
    <code>whsec_</code> secret. Reject timestamps older than five minutes; deduplicate by \
    <code>webhook-id</code> (retries keep it). The body is <code>{\"type\", \"timestamp\", \"data\"}</code>; \
    payloads are thin: numbers and states, never personal data.</p><table><thead><tr><th>Event</th>\
    <th><code>data</code></th></tr></thead><tbody>\
    <tr><td><code>ak1.issued</code></td><td><code>{card_number, valid_until}</code></td></tr>\
    <tr><td><code>ak1.closed</code></td><td><code>{card_number, reason}</code></td></tr>\
    <tr><td><code>pkwt.registered</code></td><td><code>{registration_number}</code></td></tr>\
    <tr><td><code>vacancy.published</code></td><td><code>{vacancy_id, url}</code></td></tr>\
    <tr><td><code>placement.reported</code></td><td><code>{placement_id, vacancy_id}</code> (the same \
    for a hire through the portal and a hire reported by NIK; <code>vacancy_id</code> is null when the \
    report names no vacancy)</td></tr>\
    <tr><td><code>request.filed</code>, <code>request.status_changed</code>, <code>request.decided</code>\
    </td><td><code>{request, type, status, previous_status}</code> (the reference code)</td></tr>\
    <tr><td><code>complaint.status_changed</code></td><td><code>{case, status, previous_status}</code> \
    (the case number)</td></tr>\
    <tr><td><code>test.ping</code></td><td><code>{endpoint}</code> (the test button)</td></tr>\
    </tbody></table><p>Failed deliveries are retried with back-off for about a day; answering 410 \
    disables the endpoint. Receivers are registered by Disnaker's administrators on request (the URL and \
    the event types; the <code>whsec_</code> secret is shown to them once, to pass on); they can also \
    rotate the secret, enable an endpoint again after a 410 (events of the disabled time are not sent) \
    and delete it.</p>";
