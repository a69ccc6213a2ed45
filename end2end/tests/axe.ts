/**
 * Accessibility on every journey (issue 21): axe-core checks each page an end-to-end test visits, and a
 * serious or critical finding fails the test with one readable line per element (rule, impact, element,
 * help and its page).
 *
 * Specs import `test` and `expect` from here instead of "@playwright/test". Then:
 * - every `goto` and `reload` is checked once the page has loaded (and, when it hydrates by itself, hydrated),
 *   on every page of the test: the `page` fixture's, and those of `browser.newPage()`, `browser.newContext()`
 *   and `context.newPage()`;
 * - a page reached any other way (a link, a form, a redirect after a button) is checked where the spec calls
 *   `expectNoSeriousA11yIssues(page, label)`, after it has asserted that the new page is there: run in the
 *   background at the moment of navigating, axe would race the spec's next clicks and see half-built pages;
 * - a test that passes but visited an address (a path) that was never checked fails, naming it, so a new
 *   step cannot quietly skip the check.
 * Findings are soft assertions: the journey goes on and the report lists every page's findings at once.
 */
import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Page,
  type Response,
} from "@playwright/test";

export { expect };

const FAILING_IMPACTS = new Set(["serious", "critical"]);

/**
 * Rules axe leaves off by default (marked experimental) that WCAG level A asks for: a control's visible text
 * is part of its accessible name (2.5.3), so a speech user can say what they see.
 */
const EXTRA_RULES = { "label-content-name-mismatch": { enabled: true } };

/** The visits of the running test: paths seen in a main frame, and paths checked. One test at a time per worker. */
interface Audit {
  visited: Map<string, string>;
  checked: Set<string>;
}
let current: Audit | undefined;

/** `browser.newContext` as Playwright made it, for the scratch pages of `scriptlessIssues` (not audited). */
const unwatchedNewContext = new WeakMap<Browser, Browser["newContext"]>();
const watchedPages = new WeakSet<Page>();
const watchedContexts = new WeakSet<BrowserContext>();
/** Contexts made with `javaScriptEnabled: false`: axe needs timers, which such a page never fires (it hangs). */
const scriptlessContexts = new WeakSet<BrowserContext>();

function pathOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.pathname : undefined;
  } catch {
    return undefined;
  }
}

/** Axe's serious and critical findings in a page that runs scripts, one line per element. */
async function axeIssues(page: Page): Promise<string[]> {
  // Legacy mode runs axe in the page itself. The default finishes in a blank page it opens in the same
  // context, which a page from `browser.newPage()` does not allow ("Please use browser.newContext()").
  const results = await new AxeBuilder({ page }).setLegacyMode().options({ rules: EXTRA_RULES }).analyze();
  return results.violations
    .filter((rule) => FAILING_IMPACTS.has(rule.impact ?? ""))
    .flatMap((rule) =>
      rule.nodes.map((node) => {
        const summary = (node.failureSummary ?? "").replace(/\s*\n\s*/g, " ").trim();
        const why = summary.length > 240 ? `${summary.slice(0, 240)}…` : summary;
        return `${rule.id} (${rule.impact}) at ${node.target.join(" ")}: ${rule.help}. ${why} [${rule.helpUrl}]`;
      }),
    );
}

/**
 * A page of a context without JavaScript, checked as a copy: its document as it stands now (scripts taken out,
 * `<noscript>` content kept in place) is served at its own address to a scratch page that runs scripts, so the
 * styles load from the server as in the original.
 */
async function scriptlessIssues(page: Page): Promise<string[]> {
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<\/?noscript\b[^>]*>/gi, "");
  const browser = page.context().browser();
  if (!browser) throw new Error("axe: a page without JavaScript can only be checked in a launched browser");
  const newContext = unwatchedNewContext.get(browser) ?? browser.newContext;
  const scratch = await newContext.call(browser, { viewport: page.viewportSize(), javaScriptEnabled: true });
  try {
    const copy = await scratch.newPage();
    const address = page.url();
    await copy.route(
      (url) => url.href === address,
      (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.goto(address);
    return await axeIssues(copy);
  } finally {
    await scratch.close();
  }
}

/** Waits until the page is what a person sees: loaded, and hydrated when it hydrates by itself (signed in). */
async function settle(page: Page) {
  await page.waitForLoadState("load");
  // src/ui/hydration.rs marks a page that waits for a first use `data-hydration="on-demand"`, src/lib.rs a
  // hydrated one `data-hydrated`. A page without the module script (a bare error) never hydrates.
  const hydratesItself = await page.evaluate(() => {
    const html = document.documentElement;
    return html.dataset.hydration !== "on-demand" && !html.dataset.hydrated && !!document.querySelector("script[type=module]");
  });
  if (hydratesItself) {
    // The spec's own `hydrated()` fails the test if it matters; here it only decides what axe looks at.
    await page.locator('html[data-hydrated="true"]').waitFor({ state: "attached", timeout: 15_000 }).catch(() => {});
  }
}

/**
 * The serious and critical axe findings on the page as it is now, one readable line per element. A page that
 * navigates away while axe runs (a redirect after hydration) is checked again where it lands.
 */
export async function seriousA11yIssues(page: Page): Promise<string[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      if (scriptlessContexts.has(page.context())) return await scriptlessIssues(page);
      await settle(page);
      return await axeIssues(page);
    } catch (error) {
      if (attempt > 0 || !/Execution context was destroyed|navigat/i.test(String(error))) throw error;
      await page.waitForLoadState("load");
    }
  }
}

/**
 * Runs axe on the page as it is now and fails the test (softly: the journey goes on) on any serious or
 * critical finding, listing rule, impact, element and help. The time axe takes is added to the test's
 * timeout, so the checks do not eat the journey's own budget.
 */
export async function expectNoSeriousA11yIssues(page: Page, label: string) {
  await base.step(
    `axe: ${label}`,
    async () => {
      const started = Date.now();
      const issues = await seriousA11yIssues(page);
      const path = pathOf(page.url());
      if (path !== undefined) current?.checked.add(path);
      const info = base.info();
      // A timeout of 0 means none; adding to it would set one.
      if (info.timeout > 0) info.setTimeout(info.timeout + (Date.now() - started));
      expect.soft(issues, `axe: serious or critical findings on ${label} (${page.url()})`).toEqual([]);
    },
    { box: true },
  );
}

/** A visit by `goto` or `reload` is checked when it answered with a page (not a PDF, not an image). */
async function checkVisit(page: Page, response: Response | null, label: string) {
  const type = response ? ((await response.headerValue("content-type")) ?? "") : "text/html";
  if (type.includes("text/html")) {
    await expectNoSeriousA11yIssues(page, label);
  } else {
    const path = pathOf(page.url());
    if (path !== undefined) current?.checked.add(path);
  }
}

function watchPage(page: Page) {
  if (watchedPages.has(page)) return;
  watchedPages.add(page);
  page.on("framenavigated", (frame) => {
    const path = frame === page.mainFrame() ? pathOf(frame.url()) : undefined;
    if (path !== undefined && !current?.visited.has(path)) current?.visited.set(path, frame.url());
  });
  const goto = page.goto.bind(page);
  page.goto = (async (url: string, options?: Parameters<Page["goto"]>[1]) => {
    const response = await goto(url, options);
    await checkVisit(page, response, url);
    return response;
  }) as Page["goto"];
  const reload = page.reload.bind(page);
  page.reload = (async (options?: Parameters<Page["reload"]>[0]) => {
    const response = await reload(options);
    await checkVisit(page, response, `${pathOf(page.url()) ?? page.url()} (reloaded)`);
    return response;
  }) as Page["reload"];
}

function watchContext(context: BrowserContext, scriptless: boolean) {
  if (watchedContexts.has(context)) return;
  watchedContexts.add(context);
  if (scriptless) scriptlessContexts.add(context);
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
}

export const test = base.extend<{ a11yAudit: void }>({
  context: async ({ context, javaScriptEnabled }, use) => {
    watchContext(context, javaScriptEnabled === false);
    await use(context);
  },
  page: async ({ page }, use) => {
    watchPage(page);
    await use(page);
  },
  a11yAudit: [
    async ({ browser, javaScriptEnabled }, use, testInfo) => {
      const audit: Audit = { visited: new Map(), checked: new Set() };
      current = audit;
      // Pages a spec opens itself (`browser.newPage()` makes its context through `newContext`) are watched too;
      // the options of `use` in the config apply to them unless the spec says otherwise.
      const newContext = browser.newContext;
      unwatchedNewContext.set(browser, newContext);
      browser.newContext = (async (options?: Parameters<Browser["newContext"]>[0]) => {
        const context = await newContext.call(browser, options);
        watchContext(context, (options?.javaScriptEnabled ?? javaScriptEnabled) === false);
        return context;
      }) as Browser["newContext"];
      try {
        await use();
      } finally {
        browser.newContext = newContext;
        current = undefined;
      }
      if (testInfo.status !== testInfo.expectedStatus) return;
      const unchecked = [...audit.visited].filter(([path]) => !audit.checked.has(path)).map(([, url]) => url);
      expect(
        unchecked,
        "pages visited without an axe check: call expectNoSeriousA11yIssues(page, label) once the spec sees the page",
      ).toEqual([]);
    },
    { auto: true },
  ],
});
