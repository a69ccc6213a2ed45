import type { Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, inDays, signIn, signUpCompanyAs, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

test("company reports an accident and its self-checks, files its pre-filled manpower report, corrects two numbers past a warning, gets the receipts; the officer sees both and forwards the referral", async ({ page, browser }, info) => {
  // One journey across two reports, two self-checks, two receipts and the officer's page: longer than the default 60 s on a phone.
  test.slow();
  const id = unique();
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
  const companyName = `PT Lapor Tertib ${id}`;
  const hrdEmail = `hrd.${id}@laportertib.co.id`;
  await signUpCompanyAs(page, {
    name: companyName, nibDigit: "7", kbli: "10", district: "36.03.01",
    address: "Jl. Raya Cikupa No. 24", contact: "Rina Marlina", phone: "021-5556789",
  }, id, hrdEmail, "soto-betawi-malam");
  await signIn(page, hrdEmail, "soto-betawi-malam");

  // An accident two hours ago: reported within 2 x 24 hours.
  await page.goto("/perusahaan/k3");
  await hydrated(page);
  const accident = page.getByTestId("accident-form");
  const when = new Date(Date.now() + 7 * 3_600_000 - 2 * 3_600_000).toISOString();
  const values: Record<string, string> = {
    victim_name: "Agus Salim", victim_nik: "3603012005960901", victim_birth_date: "1996-05-20",
    victim_job: "Operator mesin press", victim_unit: "Produksi", place: "Lini press 3",
    date: when.slice(0, 10), time: when.slice(11, 16),
    description: "Tangan kiri terjepit cetakan saat membersihkan sisa material.",
    task: "Membersihkan cetakan", witnesses: "Andi", agent: "Mesin press hidrolik", body_part: "Tangan kiri",
    treatment: "Dijahit, rawat jalan", hospital: "RSUD Balaraja", lost_days: "2", loss: "1500000",
  };
  for (const [name, value] of Object.entries(values)) {
    await accident.locator(`[name="form[${name}]"]`).fill(value);
  }
  await accident.locator('[name="form[victim_sex]"]').selectOption("male");
  await accident.locator('[name="form[outcome]"]').selectOption("injured");
  await accident.getByTestId("accident-submit").click();
  await expect(accident.getByRole("status")).toContainText("Kecelakaan dilaporkan");
  const row = page.getByTestId("k3-accident").first();
  await expect(row).toContainText("Agus Salim");
  await expect(row.getByTestId("k3-late")).toContainText("tepat waktu");
  await expect(row).not.toContainText("3603012005960901");
  const referral = await page.request.get((await row.getByTestId("k3-referral").getAttribute("href")) ?? "");
  expect(referral.status()).toBe(200);
  await expect(row.getByTestId("k3-forwarded")).toContainText("Belum diteruskan");
  const accidentReceipt = await page.request.get((await row.getByTestId("k3-receipt").getAttribute("href")) ?? "");
  expect(accidentReceipt.status()).toBe(200);
  expect((await accidentReceipt.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await shot(page, "k3-company");

  // The self-checks, through the browser: SMK3 (transition level, 104 of 122 criteria = 85 %, satisfactory;
  // then one critical finding fails it) and P2K3 (150 workers, a committee of 6 but nothing else: required, not met).
  const smk3 = page.getByTestId("smk3-form");
  await smk3.locator('[name="form[level]"]').selectOption("transition");
  await smk3.locator('[name="form[met]"]').fill("104");
  await smk3.locator('[name="form[critical]"]').fill("0");
  await smk3.getByRole("button").click();
  await expect(page.getByTestId("k3-latest-smk3")).toContainText("85");
  await expect(page.getByTestId("k3-latest-smk3")).toContainText("Memuaskan");
  // The page reloads its data after each self-check, so the form starts empty again.
  await smk3.locator('[name="form[level]"]').selectOption("transition");
  await smk3.locator('[name="form[met]"]').fill("104");
  await smk3.locator('[name="form[critical]"]').fill("1");
  await smk3.getByRole("button").click();
  await expect(page.getByTestId("k3-latest-smk3")).toContainText("Gagal");
  const p2k3 = page.getByTestId("p2k3-form");
  await p2k3.locator('[name="form[workers]"]').fill("150");
  await p2k3.locator('[name="form[formed]"]').check();
  await p2k3.locator('[name="form[members]"]').fill("6");
  await p2k3.getByRole("button").click();
  await expect(page.getByTestId("k3-latest-p2k3")).toContainText("Wajib, belum terpenuhi");
  await expectNoSeriousA11yIssues(page, "K3 self-checks");
  await shot(page, "k3-self-checks");


  // The pre-filled report: what the portal knows (the accident and the P2K3 committee above, the registered
  // address), every count the company has not told yet at 0 so it adds up.
  await page.goto("/perusahaan/laporan-ketenagakerjaan");
  await hydrated(page);
  const form = page.getByTestId("manpower-form");
  await expect(form.locator('[name="form[address]"]')).toHaveValue("Jl. Raya Cikupa No. 24");
  await expect(form.locator('[name="form[total]"]')).toHaveValue("0");
  await expect(form.locator('[name="form[accidents]"]')).toHaveValue("1");
  await expect(form.locator('[name="form[p2k3]"]')).toBeChecked();
  await expect(page.getByTestId("manpower-known-list")).toContainText("Kecelakaan kerja pada tahun laporan: 1");
  const fill = async (values: Record<string, string>) => {
    for (const [name, value] of Object.entries(values)) {
      await form.locator(`[name="form[${name}]"]`).fill(value);
    }
  };
  await fill({ total: "12", male: "7", female: "5", age_25_39: "12", edu_secondary: "12", permanent: "12", local: "12" });
  // A count that does not add up is explained beside its field.
  await form.locator('[name="form[female]"]').fill("4");
  await form.getByTestId("manpower-submit").click();
  await expect(form.getByText("Jumlahnya 11, harus sama dengan jumlah pekerja 12.")).toBeVisible();
  await fill({ female: "5", lowest_wage: "6000000", bpjs_tk: "12", bpjs_kes: "12", regulation_number: "PP/3603/2026/077", regulation_valid_until: inDays(400) });
  await form.locator('[name="form[regulation_kind]"]').selectOption("pp");
  await form.getByTestId("manpower-submit").click();
  await expect(page.getByTestId("manpower-saved")).toBeVisible();
  await expect(page.getByTestId("manpower-version")).toHaveCount(1);

  // Locked: the page now offers a correction, pre-filled with the submitted figures. Two numbers change.
  await page.reload();
  await hydrated(page);
  const correction = page.getByTestId("manpower-form");
  await expect(correction.getByTestId("manpower-locked")).toBeVisible();
  await expect(correction.locator('[name="form[total]"]')).toHaveValue("12");
  await correction.locator('[name="form[lowest_wage]"]').fill("4000000");
  await correction.locator('[name="form[bpjs_kes]"]').fill("10");
  await correction.getByTestId("manpower-submit").click();
  const warnings = correction.getByTestId("manpower-warnings");
  await expect(warnings).toContainText("di bawah UMK");
  await expect(warnings).toContainText("Kepesertaan BPJS");
  await expectNoSeriousA11yIssues(page, "manpower report with warnings");
  await shot(page, "manpower-warnings");
  await correction.getByTestId("manpower-confirm").check();
  await correction.getByTestId("manpower-submit").click();
  await expect(page.getByTestId("manpower-version")).toHaveCount(2);
  await expect(page.getByTestId("manpower-version").first()).toContainText("versi 2");
  await expect(page.getByTestId("manpower-version").nth(1)).toContainText("digantikan");
  const href = (await page.getByTestId("manpower-receipt").first().getAttribute("href")) ?? "";
  const receipt = await page.request.get(href);
  expect(receipt.status()).toBe(200);
  expect((await receipt.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await shot(page, "manpower-versions");

  // The officer's compliance page: the company's report and its accident.
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  // Filtered to the company's district and sector; the table is paged (50 a page), so page on until it shows.
  await officer.goto("/petugas/kepatuhan?kecamatan=36.03.01&sektor=C");
  await hydrated(officer);
  const company = officer.getByTestId("compliance-row").filter({ hasText: companyName });
  for (let n = 0; n < 20 && (await company.count()) === 0; n++) {
    await officer.getByTestId("compliance-next-page").click();
    await officer.waitForURL(/hal=/);
  }
  await expect(company).toContainText("12 pekerja");
  await expect(company).toContainText("2 peringatan");
  const officerAccident = officer.getByTestId("compliance-accident").filter({ hasText: companyName });
  await expect(officerAccident).toHaveCount(1);
  // The officer forwards the referral package to the provincial inspectorate; the company sees it.
  await officerAccident.getByTestId("compliance-forward").click();
  await expect(officerAccident.getByTestId("compliance-forwarded")).toContainText("Pengawas Ketenagakerjaan Provinsi Banten");
  await shot(officer, "compliance");
  await officer.close();
  await page.goto("/perusahaan/k3");
  await hydrated(page);
  await expect(page.getByTestId("k3-accident").first().getByTestId("k3-forwarded")).toContainText("Diteruskan ke");
});
