import type { Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, inDays, maleNik, signIn, signUpCompanyAs, signUpMan, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

test("officer publishes a fair → company's booth approved with a vacancy and slots → seeker registers, books → check-in → report", async ({ page, browser }, info) => {
  const id = unique();
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
  const fairName = `Bursa Kerja Uji ${id}`;
  const companyName = `PT Stan Makmur ${id}`;

  // The officer creates the fair; a closing time before the opening is explained and nothing typed is lost.
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/bursa-kerja");
  await hydrated(officer);
  const form = officer.getByTestId("fair-form");
  await form.locator('[name="form[name]"]').fill(fairName);
  await form.locator('[name="form[description]"]').fill("Bursa kerja hibrida untuk lulusan SMK dan pencari kerja berpengalaman.");
  await form.locator('[name="form[kind]"]').selectOption("hybrid");
  await form.locator('[name="form[venue]"]').fill("Gedung Serbaguna Tigaraksa");
  await form.locator('[name="form[starts_on]"]').fill(inDays(10));
  await form.locator('[name="form[ends_on]"]').fill(inDays(11));
  await form.locator('[name="form[opens_at]"]').fill("08:00");
  await form.locator('[name="form[closes_at]"]').fill("07:00");
  await form.locator('[name="form[registration_opens_on]"]').fill(inDays(0));
  await form.locator('[name="form[registration_closes_on]"]').fill(inDays(9));
  await form.locator('[name="form[capacity]"]').fill("500");
  await form.getByTestId("fair-save").click();
  await expect(form.getByText("Jam selesai harus setelah jam mulai.")).toBeVisible();
  await expect(form.locator('[name="form[name]"]')).toHaveValue(fairName);
  await form.locator('[name="form[closes_at]"]').fill("16:00");
  await form.getByTestId("fair-save").click();
  await expect(form.getByTestId("fair-saved")).toBeVisible();
  const listed = officer.getByTestId("officer-fair").filter({ hasText: fairName });
  await listed.getByTestId("fair-publish").click();
  await expect(listed.getByTestId("fair-status")).toHaveText("Diumumkan");

  // A new company is verified, posts a vacancy and asks for a booth.
  const company = await browser.newPage();
  const hrdEmail = `hrd.${id}@stanmakmur.co.id`;
  await signUpCompanyAs(company, {
    name: companyName, nibDigit: "6", kbli: "10", district: "36.03.01",
    address: "Jl. Raya Tigaraksa No. 5", contact: "Sari Dewi", phone: "021-5559876",
  }, id, hrdEmail, "bakso-malang-siang");
  await officer.goto(`/petugas/perusahaan?cari=${encodeURIComponent(companyName)}`);
  const pending = officer.getByRole("listitem").filter({ hasText: companyName });
  await pending.getByRole("button", { name: "Verifikasi" }).click();
  await expect(pending).toHaveCount(0);

  await signIn(company, hrdEmail, "bakso-malang-siang");
  await company.goto("/perusahaan/lowongan");
  await hydrated(company);
  const vacancy = company.getByTestId("vacancy-form");
  const title = `Operator Produksi ${id}`;
  await vacancy.locator('[name="form[title]"]').fill(title);
  await vacancy.locator('[name="form[occupation_code]"]').selectOption("83");
  await vacancy.locator('[name="form[education_level]"]').selectOption("SMA");
  await vacancy.locator('[name="form[description]"]').fill("Mengoperasikan mesin produksi, memeriksa mutu hasil, dan mencatat produksi harian.");
  await vacancy.locator('[name="form[skills]"]').fill("mesin produksi");
  await vacancy.locator('[name="form[headcount]"]').fill("5");
  await vacancy.locator('[name="form[wage_min]"]').fill("5.400.000");
  await vacancy.locator('[name="form[wage_max]"]').fill("6.000.000");
  await vacancy.locator('[name="form[district_code]"]').selectOption({ label: "Tigaraksa" });
  await vacancy.locator('[name="form[deadline]"]').fill(inDays(30));
  await vacancy.getByTestId("vacancy-submit").click();
  await expect(vacancy.getByTestId("vacancy-submitted")).toBeVisible();

  await company.goto("/perusahaan/bursa-kerja");
  await hydrated(company);
  const open = company.getByTestId("open-fair").filter({ hasText: fairName });
  await open.locator('[name="form[description]"]').fill("Lowongan operator produksi; wawancara langsung di stan.");
  await open.locator('[name="form[contact_hours]"]').fill("09.00–15.00 WIB");
  await open.getByTestId("request-booth").click();
  const booth = company.getByTestId("company-booth").filter({ hasText: fairName });
  await expect(booth.getByTestId("booth-status")).toHaveText("Menunggu persetujuan");

  // The officer approves the booth.
  await officer.goto("/petugas/bursa-kerja");
  await hydrated(officer);
  const request = officer.getByTestId("booth-request").filter({ hasText: companyName });
  await request.getByTestId("approve-booth").click();
  await expect(request).toHaveCount(0);

  // The company shows its vacancy and opens four 15-minute slots.
  await company.reload();
  await hydrated(company);
  await expect(booth.getByTestId("booth-status")).toHaveText("Disetujui");
  await booth.getByTestId("booth-vacancy-picker").getByRole("listitem").filter({ hasText: title }).getByTestId("toggle-booth-vacancy").click();
  await expect(booth.getByTestId("booth-vacancy-picker").getByText("ditampilkan")).toBeVisible();
  const plan = booth.getByTestId("slot-plan");
  await plan.locator('[name="plan[from]"]').fill("09:00");
  await plan.locator('[name="plan[until]"]').fill("10:00");
  await plan.locator('[name="plan[capacity]"]').fill("2");
  await plan.locator('[name="plan[video_url]"]').fill("https://meet.jit.si/stan-uji");
  await plan.getByTestId("add-slots").click();
  await expect(booth.getByTestId("company-slots").getByRole("listitem")).toHaveCount(4);
  await shot(company, "fair-company");

  // A seeker finds the fair, registers, books a slot at the booth and sees the ticket.
  const seekerEmail = `rudi.${id}@example.co.id`;
  await signUpMan(page, seekerEmail, maleNik((Number(id.slice(-4)) % 9000) + 200), "soto-betawi-pagi");
  await signIn(page, seekerEmail, "soto-betawi-pagi");
  await page.goto("/bursa-kerja");
  await hydrated(page);
  await shot(page, "fair-list");
  await page.getByRole("link", { name: fairName }).click();
  await expect(page.getByTestId("fair-name")).toHaveText(fairName);
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "fair page");
  await page.getByTestId("fair-register").click();
  await expect(page.getByTestId("fair-registered")).toBeVisible();
  await shot(page, "fair-page");
  await page.getByRole("link", { name: companyName }).click();
  await expect(page.getByTestId("booth-name")).toHaveText(companyName);
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "booth page");
  await expect(page.getByTestId("booth-vacancies")).toContainText(title);
  const boothUrl = page.url();
  await page.getByTestId("booth-slot").first().getByTestId("book-slot").click();
  await expect(page.getByTestId("my-booking")).toContainText("09:00");
  await expect(page.getByTestId("booth-slot").first().getByTestId("slot-free")).toHaveText("sisa 1");
  await shot(page, "fair-booth");
  await page.goto("/akun/bursa-kerja");
  await hydrated(page);
  const ticket = page.getByTestId("ticket").filter({ hasText: fairName });
  const code = ((await ticket.getByTestId("ticket-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
  await expect(ticket.getByTestId("my-booking")).toContainText(companyName);
  await expect(ticket.getByRole("img", { name: `Tiket ${code}` })).toBeVisible();
  await shot(page, "fair-ticket");

  // The booth screen shows the company, its next slots and a QR code of the booth page.
  const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await screen.goto(`${boothUrl}/layar`);
  // Nobody touches a booth screen: it hydrates by itself, to refresh every 30 seconds.
  await expect(screen.locator("html")).toHaveAttribute("data-hydrated", "true");
  await expect(screen.getByTestId("booth-screen")).toContainText(companyName);
  await expect(screen.getByTestId("screen-slots").getByRole("listitem").first()).toContainText("09:00");
  await expect(screen.getByRole("img", { name: "Pindai untuk melihat lowongan dan memesan jadwal" })).toBeVisible();
  await shot(screen, "fair-screen");
  await screen.close();

  // Check-in by the ticket code: once; a second scan says so.
  await officer.goto("/petugas/bursa-kerja/pindai");
  await hydrated(officer);
  await officer.getByLabel("Kode tiket").fill(code.toLowerCase());
  await officer.getByTestId("check-in-submit").click();
  await expect(officer.getByTestId("check-in-result")).toContainText("Berhasil masuk");
  await shot(officer, "fair-check-in");
  await officer.getByTestId("check-in-submit").click();
  await expect(officer.getByTestId("check-in-result")).toContainText("sudah dipakai masuk");

  // The report counts it all.
  await officer.goto("/petugas/bursa-kerja");
  await hydrated(officer);
  await officer.getByTestId("officer-fair").filter({ hasText: fairName }).getByRole("link", { name: "Laporan bursa kerja" }).click();
  await expect(officer.getByTestId("total-registrations")).toHaveText("1");
  await expect(officer.getByTestId("total-check-ins")).toHaveText("1");
  await expect(officer.getByTestId("total-slots-booked")).toHaveText("1");
  await expect(officer.getByTestId("report-booths")).toContainText(companyName);
  await expect(officer.getByTestId("check-in-chart")).toBeVisible();
  await expectNoSeriousA11yIssues(officer, "fair report");
  await shot(officer, "fair-report");
  await officer.close();
  await company.close();
});
