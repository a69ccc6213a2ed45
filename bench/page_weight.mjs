// First-load weight of public pages in headless Chromium: every byte a phone with an empty cache
// receives until the page is interactive (`data-hydrated`), split into the HTML, JS, WASM (the shell
// module plus the page's lazy chunks) and CSS, as transferred (brotli from the server).
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
console.log(`${"page".padEnd(32)}     html       js     wasm      css  js+wasm+css  requests  (KB transferred)`);
let largest = 0;
for (const path of paths) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses = [];
  page.on("response", (response) => responses.push(response));
  await page.goto(base + path);
  await page.locator("html[data-hydrated='true']").waitFor({ timeout: 30000 });
  await page.waitForLoadState("networkidle");
  const sizes = { html: 0, js: 0, wasm: 0, css: 0 };
  for (const response of responses) {
    const url = new URL(response.url());
    const kind =
      response.request().resourceType() === "document" ? "html" : url.pathname.split(".").pop();
    if (!(kind in sizes)) continue;
    const { responseBodySize, responseHeadersSize } = await response.request().sizes();
    sizes[kind] += responseBodySize + responseHeadersSize;
  }
  const assets = sizes.js + sizes.wasm + sizes.css;
  largest = Math.max(largest, assets);
  console.log(
    `${path.slice(0, 32).padEnd(32)} ${kb(sizes.html)} ${kb(sizes.js)} ${kb(sizes.wasm)} ${kb(sizes.css)}     ${kb(assets)}  ${String(responses.length).padStart(8)}`,
  );
  await context.close();
}
await browser.close();
const verdict = largest / 1024 <= BUDGET_KB ? "within" : "OVER";
console.log(`largest first load of JS + WASM + CSS: ${(largest / 1024).toFixed(1)} KB (${verdict} the ${BUDGET_KB} KB budget)`);
