import type { Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, inDays, maleNik, signIn, signUpCompanyAs, signUpMan, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

function signUpCompany(page: Page, id: string, email: string, password: string) {
  return signUpCompanyAs(page, {
    name: `PT Kontrak Jaya ${id}`, nibDigit: "8", kbli: "10", district: "36.03.01",
    address: "Jl. Industri No. 3, Balaraja", contact: "Rina Wati", phone: "021-5551234",
  }, id, email, password);
}

/** A bulk file row for a man born on 20 May 1996. */
function csvRow(nik: string, name: string, wage: string): string {
  return [nik, name, "L", "1996-05-20", "Jl. Pabrik 1 Balaraja", "tidak", "Pengemas", "Balaraja", wage, "ya", "jangka waktu", "",
    inDays(7), inDays(190), "Tangerang", inDays(0), "baru", ""].join(",");
}

const HEADER = "nik_atau_paspor,nama_pekerja,jenis_kelamin,tanggal_lahir,alamat,tka,jabatan,tempat_kerja,upah," +
  "upah_pokok_dan_tunjangan_tetap,jenis_pkwt,hari_kerja_per_bulan,tanggal_mulai,tanggal_berakhir,tempat_tanda_tangan," +
  "tanggal_tanda_tangan,hubungan,nomor_pkwt_sebelumnya";

test("company registers a contract and a CSV → officer registers → receipt verifies → the worker sees it", async ({ page, browser }, info) => {
  const id = unique();
  const serial = (Number(id.slice(-4)) % 9000) + 100;
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });

  // The worker has an account (signed up with their NIK).
  const workerEmail = `budi.${id}@example.co.id`;
  const workerNik = maleNik(serial);
  await signUpMan(page, workerEmail, workerNik, "nasi-uduk-pagi");

  // The company registers the contract; a wage below the UMK is explained, nothing typed is lost.
  const company = await browser.newPage();
  const hrdEmail = `hrd.${id}@kontrakjaya.co.id`;
  await signUpCompany(company, id, hrdEmail, "es-cendol-siang");
  await signIn(company, hrdEmail, "es-cendol-siang");
  await company.goto("/perusahaan/pkwt");
  await hydrated(company);
  const form = company.getByTestId("contract-form");
  await form.locator('[name="worker_id"]').fill(workerNik);
  await form.locator('[name="worker_name"]').fill("Budi Hartono");
  await form.locator('[name="worker_sex"]').selectOption("male");
  await form.locator('[name="worker_birth_date"]').fill("1996-05-20");
  await form.locator('[name="worker_address"]').fill("Jl. Raya Serang Km 24, Balaraja");
  await form.locator('[name="position"]').fill("Operator produksi");
  await form.locator('[name="workplace"]').fill("Pabrik Balaraja");
  await form.locator('[name="wage"]').fill("4.000.000");
  await form.locator('[name="start_date"]').fill(inDays(3));
  await form.locator('[name="end_date"]').fill(inDays(3 + 182));
  await form.locator('[name="signed_place"]').fill("Tangerang");
  await form.locator('[name="signed_date"]').fill(inDays(0));
  await form.locator('[name="document"]').setInputFiles({
    name: "kontrak.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
  });
  await form.getByTestId("contract-submit").click();
  await expect(form.getByText("di bawah UMK", { exact: false })).toBeVisible();
  await expect(form.locator('[name="worker_name"]')).toHaveValue("Budi Hartono");
  await form.locator('[name="wage"]').fill("5.600.000");
  await form.getByTestId("contract-submit").click();
  await expect(form.getByRole("status")).toContainText("menunggu pencatatan");
  await expect(company.getByTestId("contract-row").filter({ hasText: "Budi Hartono" }).getByTestId("contract-status")).toContainText("Menunggu");
  await shot(company, "pkwt-company");

  // A CSV of three: two valid, one below the UMK; only the valid ones are registered, on confirmation.
  const bulk = company.getByTestId("contract-import");
  const csv = [HEADER, csvRow(maleNik(serial + 1), "Andi Saputra", "5.600.000"), csvRow(maleNik(serial + 2), "Eko Prasetyo", "5.700.000"),
    csvRow(maleNik(serial + 3), "Joko Susilo", "3.000.000")].join("\n");
  await bulk.locator('[name="file"]').setInputFiles({ name: "pkwt.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await bulk.getByTestId("import-check").click();
  await expect(bulk.getByTestId("import-counts")).toContainText("2 baris sah, 1 baris bermasalah");
  await expect(bulk.getByTestId("import-report")).toContainText("upah: Upah di bawah UMK");
  await shot(company, "pkwt-import");
  await bulk.getByTestId("import-confirm").click();
  await expect(bulk.getByTestId("import-done")).toContainText("2 kontrak didaftarkan");
  await expect(company.getByTestId("contract-row")).toHaveCount(3);

  // The officer registers all three the same working day.
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/pkwt");
  await hydrated(officer);
  for (const nik of [workerNik, maleNik(serial + 1), maleNik(serial + 2)]) {
    const item = officer.getByTestId("pkwt-queue-item").filter({ hasText: `3603********${nik.slice(-4)}` }).filter({ hasText: `PT Kontrak Jaya ${id}` });
    if (nik === workerNik) await shot(officer, "pkwt-queue");
    await item.getByTestId("pkwt-approve").click();
    await expect(item).toHaveCount(0);
  }
  await officer.close();

  // The company sees the number, downloads the receipt and opens its verification page.
  await company.reload();
  await hydrated(company);
  const row = company.getByTestId("contract-row").filter({ hasText: "Budi Hartono" });
  await expect(row.getByTestId("contract-status")).toContainText("Tercatat");
  const number = (await row.getByTestId("contract-number").textContent()) ?? "";
  expect(number).toMatch(/^PKWT\/3603\/\d{4}\/\d{6}$/);
  const receiptHref = (await row.getByTestId("contract-receipt").getAttribute("href")) ?? "";
  const receipt = await company.request.get(receiptHref);
  expect(receipt.status()).toBe(200);
  expect((await receipt.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expect(row.getByTestId("contract-compensation")).toContainText("Rp");
  await shot(company, "pkwt-registered");
  await row.getByTestId("contract-verify").click();
  await expect(company.getByTestId("verify-state")).toHaveText("Tercatat dan berlaku");
  await expect(company.getByTestId("verify-number")).toHaveText(number);
  await expect(company.getByRole("main")).toContainText("B*** H******");
  await expect(company.getByRole("main")).not.toContainText(workerNik);
  await expectNoSeriousA11yIssues(company, "PKWT verification");
  await company.close();

  // The worker signs in and sees the contract and the compensation due at its end.
  await signIn(page, workerEmail, "nasi-uduk-pagi");
  await page.goto("/akun/kontrak");
  await hydrated(page);
  const mine = page.getByTestId("my-contracts");
  await expect(mine).toContainText(`PT Kontrak Jaya ${id}`);
  await expect(mine).toContainText(number);
  await expect(mine.getByTestId("my-compensation")).toContainText(/Rp 2\.8\d\d\.\d{3}/);
  await shot(page, "pkwt-worker");
});

test("the calculators work without JavaScript and keep their input in the URL", async ({ browser }, info) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/alat/kompensasi");
  await page.getByLabel("Upah per bulan").fill("5.400.000");
  await page.getByLabel("Tanggal mulai").fill("2026-01-05");
  await page.getByLabel("Tanggal berakhir (atau berhenti)").fill("2026-07-04");
  await page.getByRole("button", { name: "Hitung" }).click();
  await expect(page).toHaveURL(/upah=5.400.000/);
  await expect(page.getByTestId("compensation-result")).toContainText("Rp 2.700.000");
  await expectNoSeriousA11yIssues(page, "compensation result without JavaScript");
  await page.screenshot({ path: info.outputPath(`tool-compensation-${info.project.name}.png`), fullPage: true });

  await page.goto("/alat/lembur");
  await page.getByLabel("Upah per bulan").fill("5.190.000");
  await page.getByLabel("Senin: Jam lembur").fill("3");
  await page.getByLabel("Minggu: Jam lembur").fill("12");
  await page.getByRole("button", { name: "Hitung" }).click();
  // Monday 3 h: 5.5 × 30,000; Sunday (rest, 5-day week) 12 h: (8×2 + 3 + 3×4) × 30,000.
  await expect(page.getByTestId("overtime-result")).toContainText("Rp 1.095.000");
  await expectNoSeriousA11yIssues(page, "overtime result without JavaScript");
  // A six-day week with a public holiday on Saturday, its shortest day (PP 35/2021 Pasal 31): hours
  // 1–5 2×, the 6th 3×, the 7th 4× = 17 hourly wages of 5,210,377 / 173.
  await page.goto("/alat/lembur?upah=5.210.377&pola=6&h5=7&p5=1");
  await expect(page.getByLabel("Sabtu: Libur resmi di hari kerja terpendek (6 hari kerja)")).toBeChecked();
  await expect(page.getByTestId("overtime-result")).toContainText("Rp 512.002");
  // Allowances that vary: reckoned on 75% of the whole wage (Pasal 33), not on 3,000,000.
  await page.goto("/alat/lembur?upah=3.000.000&tunjangan=2.000.000&pola=5&h0=1");
  await expect(page.getByTestId("overtime-base")).toContainText("Rp 3.750.000");
  await expect(page.getByTestId("overtime-result")).toContainText("Rp 32.514");
  await page.screenshot({ path: info.outputPath(`tool-overtime-${info.project.name}.png`), fullPage: true });
  await context.close();
});
