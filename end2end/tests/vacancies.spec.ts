import type { Browser, Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, inDays, maleNik, signIn, signUpCompanyAs, signUpMan, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

function signUpCompany(page: Page, id: string, email: string, password: string) {
  return signUpCompanyAs(page, {
    name: `PT Gudang Sejahtera ${id}`, nibDigit: "7", kbli: "52", district: "36.03.18",
    address: "Jl. Raya Cikupa No. 8", contact: "Dewi Lestari", phone: "021-5557788",
  }, id, email, password);
}

/** A job seeker with an issued AK-1 card (profile through the form, approval by the admin). */
async function seekerWithCard(page: Page, browser: Browser, id: string, email: string, password: string) {
  const nik = maleNik(Number(id.slice(-4)) || 3);
  await signUpMan(page, email, nik, password);
  await signIn(page, email, password);
  await page.goto("/akun/profil");
  await hydrated(page);
  await page.getByLabel("Status perkawinan").selectOption("belum_kawin");
  await page.getByLabel("Alamat", { exact: true }).fill("Jl. Raya Serang Km 24, Balaraja");
  await page.getByLabel("Kecamatan (Kab. Tangerang)").selectOption({ label: "Balaraja" });
  await page.getByLabel("Desa/kelurahan").selectOption({ label: "Talagasari" });
  await page.getByLabel("Pendidikan terakhir").selectOption("SMK");
  await page.getByLabel("Nama sekolah/kampus").fill("SMK Negeri 1 Balaraja");
  await page.getByLabel("Tahun lulus").fill("2014");
  await page.getByLabel("Keterampilan", { exact: true }).fill("forklift, las listrik");
  await page.getByTestId("profile-save").click();
  await expect(page.getByTestId("completeness")).toHaveText("100 %");
  await page.getByRole("button", { name: "Ajukan kartu AK-1" }).click();
  await expect(page.getByTestId("ak1-status")).toHaveText("Menunggu verifikasi petugas");
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/ak1");
  await hydrated(officer);
  const card = officer.getByRole("listitem").filter({ hasText: `********${nik.slice(-4)}` });
  await card.getByRole("button", { name: "Setujui & terbitkan" }).click();
  await expect(card).toHaveCount(0);
  await officer.close();
}

test("company posts (flagged → officer approves) → seeker searches, applies → hired → AK-1 closed", async ({ page, browser }, info) => {
  const id = unique();
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });

  // The seeker first, so the card exists to be closed.
  const seekerEmail = `joko.${id}@example.co.id`;
  await seekerWithCard(page, browser, id, seekerEmail, "kopi-tubruk-pagi");

  // A new (unverified) company reports a vacancy whose wording needs review.
  const company = await browser.newPage();
  const hrdEmail = `hrd.${id}@gudang.co.id`;
  await signUpCompany(company, id, hrdEmail, "teh-manis-sore");
  await signIn(company, hrdEmail, "teh-manis-sore");
  await company.goto("/perusahaan/lowongan");
  await hydrated(company);
  const form = company.getByTestId("vacancy-form");
  const title = `Operator Forklift ${id}`;
  await form.locator('[name="form[title]"]').fill(title);
  await form.locator('[name="form[occupation_code]"]').selectOption("83");
  await form.locator('[name="form[education_level]"]').selectOption("SMA");
  await form.locator('[name="form[description]"]').fill(
    "Mengoperasikan forklift di gudang, memuat dan membongkar palet, berpenampilan menarik dan teliti.",
  );
  await form.locator('[name="form[skills]"]').fill("forklift, SIO forklift");
  await form.locator('[name="form[headcount]"]').fill("1");
  await form.locator('[name="form[wage_min]"]').fill("4.000.000");
  await form.locator('[name="form[wage_max]"]').fill("6.000.000");
  await form.locator('[name="form[district_code]"]').selectOption({ label: "Cikupa" });
  await form.locator('[name="form[deadline]"]').fill(inDays(30));
  await form.getByTestId("vacancy-submit").click();
  // Below the UMK: explained beside the field, nothing typed is lost.
  await expect(form.getByText("tidak boleh di bawah UMK", { exact: false })).toBeVisible();
  await expect(form.locator('[name="form[title]"]')).toHaveValue(title);
  await form.locator('[name="form[wage_min]"]').fill("5.300.000");
  await form.getByTestId("vacancy-submit").click();
  await expect(form.getByTestId("vacancy-submitted")).toContainText("menunggu pemeriksaan");
  await expect(form.getByTestId("vacancy-flags")).toContainText("penampilan");
  await shot(company, "vacancy-form");

  // The officer sees the flag and approves.
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/lowongan");
  await hydrated(officer);
  const item = officer.getByTestId("moderation-item").filter({ hasText: title });
  await expect(item.getByTestId("moderation-flags")).toBeVisible();
  await shot(officer, "vacancy-queue");
  await item.getByTestId("approve").click();
  await expect(item).toHaveCount(0);
  await officer.close();

  // The seeker searches (server-rendered form, state in the URL), opens it and applies.
  await page.goto("/lowongan");
  await hydrated(page);
  await page.getByLabel("Kata kunci").fill(`forklift ${id}`);
  await page.getByRole("button", { name: "Cari", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=forklift\\+${id}`));
  await expect(page.getByTestId("search-total")).toHaveText("1 lowongan ditemukan");
  await expectNoSeriousA11yIssues(page, "vacancy search results");
  await shot(page, "vacancy-search");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("vacancy-title")).toHaveText(title);
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "vacancy page");
  expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1);
  await page.getByLabel("Pesan untuk perusahaan (opsional)").fill("Saya memiliki SIO forklift.");
  await page.getByTestId("apply-button").click();
  await expect(page.getByTestId("application-status")).toContainText("Diterima sistem");
  await shot(page, "vacancy-applied");

  // The company moves the candidate to hired.
  await company.goto("/perusahaan/lowongan");
  await hydrated(company);
  await company.getByRole("link", { name: title }).click();
  await hydrated(company);
  const candidate = company.getByTestId("candidate").filter({ hasText: "Budi Hartono" });
  await expect(candidate).toContainText("Saya memiliki SIO forklift.");
  await expectNoSeriousA11yIssues(company, "candidate pipeline");
  await candidate.getByTestId("move-interview").click();
  await expect(candidate.getByTestId("candidate-status")).toHaveText("Wawancara");
  await candidate.getByTestId("move-hired").click();
  await expect(candidate.getByTestId("candidate-status")).toHaveText("Diterima bekerja");
  await expect(company.getByTestId("vacancy-status")).toContainText("terisi");
  await shot(company, "pipeline");
  await company.close();

  // The seeker sees hired with its timeline, and the AK-1 closed as placed.
  await page.goto("/akun/lamaran");
  await hydrated(page);
  const application = page.getByTestId("my-application").filter({ hasText: title });
  await expect(application.getByTestId("my-application-status")).toHaveText("Diterima bekerja");
  await expect(application).toContainText("Wawancara");
  await expect(page.getByTestId("notices")).toContainText("selamat, Anda diterima bekerja");
  await shot(page, "my-applications");
  await page.goto("/akun/profil");
  await hydrated(page);
  await expect(page.getByTestId("ak1-status")).toHaveText("Ditutup (sudah bekerja)");
});

test("search works without JavaScript and keeps its filters in the URL", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/lowongan?q=operator&urut=terbaru");
  await expect(page.getByTestId("search-results").getByTestId("vacancy-card").first()).toBeVisible();
  await page.getByLabel("Kecamatan tempat kerja").selectOption({ label: "Cikupa" });
  await page.getByRole("button", { name: "Cari", exact: true }).click();
  await expect(page).toHaveURL(/kecamatan=36\.03\.18/);
  await expect(page).toHaveURL(/q=operator/);
  const cards = page.getByTestId("vacancy-card");
  expect(await cards.count()).toBeGreaterThan(0);
  for (const text of await cards.allTextContents()) expect(text).toContain("Cikupa");
  await expectNoSeriousA11yIssues(page, "filtered search without JavaScript");
  await context.close();
});
