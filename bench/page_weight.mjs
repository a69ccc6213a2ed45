// Weight of public pages in headless Chromium with an empty cache, as transferred (brotli from the server),
// split into the HTML, JS, WASM (the shell module plus the page's lazy chunks) and CSS, at two moments:
// - first load: everything until the page has loaded and the network is idle, for a visitor who only reads
//   (an anonymous visitor gets the app's WASM only on first using a control, src/ui/hydration.rs);
// - first use: the same visitor then presses a key, until the page is interactive (`data-hydrated`).
// The budget is for the first load; the first-use figures show what a visitor who fills a form pays.
//
// Usage: node bench/page_weight.mjs BASE_URL PATH...   (called by bench/lighthouse.sh)
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("../end2end/node_modules/@playwright/test");

const BUDGET_KB = 250;
const [base, ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
});

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8);
const KINDS = ["html", "js", "wasm", "css"];

async function weigh(responses) {
  const sizes = Object.fromEntries(KINDS.map((kind) => [kind, 0]));
  for (const response of responses) {
    const url = new URL(response.url());
    const kind =
      response.request().resourceType() === "document" ? "html" : url.pathname.split(".").pop();
    if (!(kind in sizes)) continue;
    const { responseBodySize, responseHeadersSize } = await response.request().sizes();
    sizes[kind] += responseBodySize + responseHeadersSize;
  }
  return { ...sizes, assets: sizes.js + sizes.wasm + sizes.css, requests: responses.length };
}

const row = (label, w) =>
  `${label.slice(0, 32).padEnd(32)} ${kb(w.html)} ${kb(w.js)} ${kb(w.wasm)} ${kb(w.css)}     ${kb(w.assets)}  ${String(w.requests).padStart(8)}`;

console.log(`${"page".padEnd(32)}     html       js     wasm      css  js+wasm+css  requests  (KB transferred)`);
let largest = 0;
for (const path of paths) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses = [];
  page.on("response", (response) => responses.push(response));
  await page.goto(base + path);
  await page.waitForLoadState("networkidle");
  const first = await weigh(responses);
  largest = Math.max(largest, first.assets);
  console.log(row(path, first));
  if ((await page.locator("html[data-hydrated='true']").count()) === 0) {
    await page.keyboard.press("Shift");
    await page.locator("html[data-hydrated='true']").waitFor({ timeout: 30000 });
    await page.waitForLoadState("networkidle");
    console.log(row("  + first use (hydrated)", await weigh(responses)));
  }
  await context.close();
}
await browser.close();
const verdict = largest / 1024 <= BUDGET_KB ? "within" : "OVER";
console.log(`largest first load of JS + WASM + CSS: ${(largest / 1024).toFixed(1)} KB (${verdict} the ${BUDGET_KB} KB budget)`);
