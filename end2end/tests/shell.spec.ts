import type { Page, ConsoleMessage } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated } from "./helpers";

// Collects console errors and uncaught exceptions so a page that "looks fine" but logs errors fails.
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (msg: ConsoleMessage) => {
    if (msg.type() === "error") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(String(err)));
  return problems;
}

/** Where each of the app's JS and WASM files started to download, and when the page's `load` event began. */
async function bundleTiming(page: Page) {
  return page.evaluate(() => ({
    load: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart,
    bundles: performance
      .getEntriesByType("resource")
      .filter((entry) => /\/pkg\/[^/]+\.(js|wasm)$/.test(new URL(entry.name).pathname))
      .map((entry) => ({ name: entry.name, start: entry.startTime })),
  }));
}

test("home page loads in Indonesian, hydrates, and shows live data", async ({ page }, info) => {
  const problems = watchConsole(page);
  await page.context().clearCookies();
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Layanan ketenagakerjaan");
  await expect(page.getByRole("banner")).toBeVisible();
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("contentinfo")).toBeVisible();
  await expect(page.getByTestId("latest-vacancies").locator("li").first()).toBeVisible();
  // A visitor who only reads downloads no JS or WASM of the app (src/ui/hydration.rs).
  await page.waitForLoadState("networkidle");
  expect((await bundleTiming(page)).bundles).toEqual([]);
  await expect(page.locator("html")).not.toHaveAttribute("data-hydrated", "true");
  // The first key press fetches them, and the page hydrates.
  await hydrated(page);
  expect((await bundleTiming(page)).bundles.length).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: info.outputPath(`home-id-${info.project.name}.png`), fullPage: true });
  expect(problems).toEqual([]);
});

test("a visitor's first use of a field fetches the WASM, and what they typed meanwhile stays", async ({ page }) => {
  const problems = watchConsole(page);
  await page.context().clearCookies();
  // The WASM is held back until the typing is done, as on a slow network.
  let release = () => {};
  const typed = new Promise<void>((resolve) => (release = resolve));
  let asked = false;
  await page.route(/\/pkg\/[^/]+\.wasm$/, async (route) => {
    asked = true;
    await typed;
    await route.continue();
  });
  await page.goto("/masuk");
  await page.waitForLoadState("networkidle");
  expect(asked).toBe(false);
  const email = page.getByLabel("E-mail", { exact: true });
  await email.click();
  await email.pressSequentially("pencaker@contoh.id");
  await expect.poll(() => asked).toBe(true);
  release();
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(email).toHaveValue("pencaker@contoh.id");
  // The hydrated form runs the shared check in the browser: an empty password is named at once.
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await expect(page.locator("#password-error")).not.toBeEmpty();
  await expect(page).toHaveURL(/\/masuk$/);
  expect(problems).toEqual([]);
});

test("a signed-in visitor's page fetches its JS and WASM after load, unasked", async ({ page, baseURL }) => {
  // Any session cookie, even one the server no longer knows, means the visitor has signed in.
  await page.context().addCookies([{ name: "dnaker_sid", value: "stale", url: baseURL! }]);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  const timing = await bundleTiming(page);
  expect(timing.load).toBeGreaterThan(0);
  expect(timing.bundles.length).toBeGreaterThanOrEqual(2);
  for (const bundle of timing.bundles) {
    expect(bundle.start, bundle.name).toBeGreaterThanOrEqual(timing.load);
  }
});

test("language switch changes the page to English and is remembered", async ({ page }, info) => {
  const problems = watchConsole(page);
  await page.context().clearCookies();
  await page.goto("/");
  await hydrated(page);
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Labour services");
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  await page.screenshot({ path: info.outputPath(`home-en-${info.project.name}.png`), fullPage: true });
  await page.getByTestId("language-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  expect(problems).toEqual([]);
});

test("unknown pages answer 404 with a way home", async ({ page }, info) => {
  await page.context().clearCookies();
  const response = await page.goto("/halaman-yang-tidak-ada");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
  await page.screenshot({ path: info.outputPath(`404-${info.project.name}.png`), fullPage: true });
  await page.getByRole("link", { name: "Kembali ke beranda" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expectNoSeriousA11yIssues(page, "home, from the 404 page");
});

test("keyboard users can skip to the content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Lewati ke konten utama" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
});

test("public pages fit a 360 px phone and a 768 px tablet without sideways scrolling", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "the widths are set here; one project is enough");
  await page.context().clearCookies();
  for (const width of [360, 768]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ["/", "/lowongan", "/bursa-kerja", "/regulasi", "/masuk", "/daftar", "/alat/kompensasi", "/alat/lembur", "/petugas/bursa-kerja/pindai"]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${path} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
    }
  }
});

test("a download link leads a visitor to the sign-in and back; a refusal is a page with a way on", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/");
  // Through the portal's service worker, as for anyone who visited before (it passes navigations on).
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.goto("/akun/kartu-ak1.pdf");
  await expect(page).toHaveURL(/\/masuk\?kembali=\/akun\/kartu-ak1\.pdf$/);
  await hydrated(page);
  await page.getByLabel("E-mail", { exact: true }).fill(process.env.E2E_ADMIN_EMAIL ?? "");
  await page.getByLabel("Kata sandi", { exact: true }).fill(process.env.E2E_ADMIN_PASSWORD ?? "");
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  // Back at the file, which is a job seeker's: the admin is refused, on a page of the portal.
  await page.waitForURL((url) => url.pathname === "/akun/kartu-ak1.pdf");
  await expect(page.getByRole("alert")).toContainText("Anda tidak berhak mengakses data ini.");
  await expectNoSeriousA11yIssues(page, "a refused download");
  await page.getByRole("link", { name: "Kembali ke beranda" }).click();
  await expect(page).toHaveURL(/\/$/);
});
