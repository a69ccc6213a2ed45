import type { Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, inDays, maleNik, signIn, signUpMan, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

test("a BLK programme → a seeker finds it by filters and registers → accepted, completed → certificate PDF → verified skill on the profile", async ({ page, browser }, info) => {
  const id = unique();
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
  const title = `Pengelasan TIG ${id}`;
  const skill = `Las TIG ${id.slice(-5)}`;

  // The officer publishes a BLK programme with a selection test.
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/pelatihan");
  await hydrated(officer);
  await expectNoSeriousA11yIssues(officer, "training management");
  const form = officer.getByTestId("programme-form");
  await form.locator('[name="form[title]"]').fill(title);
  await form.locator('[name="form[description]"]').fill("Pelatihan las TIG untuk pemula: teori, praktik di bengkel BLK dan K3 pengelasan.");
  await form.locator('[name="form[kbji_code]"]').selectOption("72");
  await form.locator('[name="form[skills]"]').fill(`${skill}, K3 pengelasan`);
  await form.locator('[name="form[skkni_units]"]').fill("C.24.10.1.001.01 Menerapkan K3 pengelasan");
  await form.locator('[name="form[district_code]"]').selectOption({ label: "Tigaraksa" });
  await form.locator('[name="form[starts_on]"]').fill(inDays(10));
  await form.locator('[name="form[ends_on]"]').fill(inDays(40));
  await form.locator('[name="form[hours]"]').fill("120");
  await form.locator('[name="form[registration_opens_on]"]').fill(inDays(0));
  await form.locator('[name="form[registration_closes_on]"]').fill(inDays(5));
  await form.locator('[name="form[selection]"]').selectOption("test");
  // A selection without its date is explained, and nothing typed is lost.
  await form.getByTestId("programme-save").click();
  await expect(form.locator("#form_selection_on_-error")).not.toBeEmpty();
  await expect(form.locator('[name="form[title]"]')).toHaveValue(title);
  await form.locator('[name="form[selection_on]"]').fill(inDays(7));
  await form.getByTestId("programme-save").click();
  await expect(form.getByTestId("programme-saved")).toBeVisible();
  await shot(officer, "training-officer");

  // A new seeker finds it in the catalogue by its filters and registers.
  const email = `tono.${id}@example.co.id`;
  await signUpMan(page, email, maleNik((Number(id.slice(-4)) % 9000) + 300), "nasi-uduk-pagi");
  await signIn(page, email, "nasi-uduk-pagi");
  await page.goto("/pelatihan");
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "training catalogue");
  const search = page.getByTestId("training-search");
  await search.locator('[name="q"]').fill(id);
  await search.locator('[name="jabatan"]').selectOption("72");
  await search.locator('[name="kecamatan"]').selectOption({ label: "Tigaraksa" });
  await search.getByTestId("training-search-submit").click();
  await expect(page).toHaveURL(/jabatan=72/);
  await expect(page.getByTestId("training-results").getByTestId("programme-card")).toHaveCount(1);
  await shot(page, "training-catalogue");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "programme page");
  await page.getByTestId("training-register").click();
  await expect(page.getByTestId("my-registration-status")).toContainText("menunggu seleksi");

  // The provider accepts and records the completion.
  await officer.goto("/petugas/pelatihan");
  await hydrated(officer);
  await officer.getByTestId("provider-programmes").getByRole("listitem").filter({ hasText: title }).getByTestId("open-programme").click();
  const opened = officer.getByTestId("opened-programme");
  await expect(opened).toContainText(title);
  await hydrated(officer);
  const row = opened.getByTestId("participant").filter({ hasText: "Budi Hartono" });
  await row.getByTestId("decide-accepted").click();
  await expect(row.getByTestId("participant-status")).toHaveText("Diterima");
  await row.getByTestId("result-completed").click();
  await expect(row.getByTestId("participant-status")).toHaveText("Selesai");
  await expectNoSeriousA11yIssues(officer, "programme opened");
  await shot(officer, "training-participants");

  // The seeker downloads the certificate and sees the skill verified, on the training page and the profile.
  await page.goto("/akun/pelatihan");
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "my training");
  await expect(page.getByTestId("skills-wallet")).toContainText(skill);
  const registration = page.getByTestId("my-registration").filter({ hasText: title });
  await expect(registration.getByTestId("registration-status")).toHaveText("Selesai");
  const href = await registration.getByTestId("certificate-pdf").getAttribute("href");
  const pdf = await page.request.get(href ?? "");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await shot(page, "training-mine");
  await registration.getByRole("link", { name: /Periksa sertifikat/ }).click();
  await expect(page.getByTestId("verify-state")).toHaveText("Sertifikat sah");
  await expect(page.getByTestId("verify-programme")).toHaveText(title);
  await expectNoSeriousA11yIssues(page, "certificate verification");
  await page.goto("/akun/profil");
  await hydrated(page);
  await expect(page.getByTestId("profile-verified-skills")).toContainText(skill);
  await shot(page, "training-profile");
});

test("the catalogue and a programme page work signed out", async ({ page }) => {
  await page.goto("/pelatihan?penyelenggara=blk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pelatihan kerja");
  await expect(page.getByTestId("programme-card").first()).toBeVisible();
  await expectNoSeriousA11yIssues(page, "catalogue signed out");
  await page.getByTestId("programme-card").first().getByRole("link").click();
  await expect(page.getByRole("link", { name: "Masuk" }).last()).toBeVisible();
  await expectNoSeriousA11yIssues(page, "programme signed out");
  await page.goto("/akun/pelatihan");
  await expect(page.getByRole("main")).toContainText(/[Mm]asuk/);
});
