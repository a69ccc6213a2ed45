import type { Page, Locator } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, inDays, signIn, signUpCompanyAs, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

async function reportWorker(form: Locator, name: string, passport: string, nationality: string, rptka: string) {
  await form.locator('[name="form[name]"]').fill(name);
  await form.locator('[name="form[passport]"]').fill(passport);
  await form.locator('[name="form[nationality]"]').fill(nationality);
  await form.locator('[name="form[sex]"]').selectOption("male");
  await form.locator('[name="form[position]"]').fill("Production Manager");
  await form.locator('[name="form[occupation_code]"]').selectOption("13");
  await form.locator('[name="form[rptka_number]"]').fill(rptka);
  await form.locator('[name="form[rptka_start]"]').fill(inDays(-300));
  await form.locator('[name="form[rptka_end]"]').fill(inDays(60));
  await form.locator('[name="form[permit_number]"]').fill(`NOTIF-${passport}`);
  await form.locator('[name="form[permit_start]"]').fill(inDays(-290));
  await form.locator('[name="form[permit_end]"]').fill(inDays(25));
  await form.locator('[name="form[district_code]"]').selectOption({ label: "Cikupa" });
  await form.locator('[name="form[start_date]"]').fill(inDays(-290));
  await form.locator('[name="form[end_date]"]').fill(inDays(60));
  await form.locator('[name="form[counterpart_name]"]').fill("Budi Santoso");
  await form.locator('[name="form[counterpart_nik]"]').fill("3603012005960901");
  await form.locator('[name="form[counterpart_position]"]').fill("Asisten Manajer");
  await form.locator('[name="form[counterpart_progress]"]').fill("40");
  await form.locator('[name="form[language_training]"]').selectOption("ongoing");
  await form.getByTestId("tka-submit").click();
  await expect(form.getByRole("status")).toContainText("TKA dilaporkan");
}

test("company reports two foreign workers → bills the DKPTKA → uploads the proof → officer validates → the receipt's QR verifies", async ({ page, browser }, info) => {
  const id = unique();
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
  const companyName = `PT Asing Makmur ${id}`;
  const rptka = `RPTKA-${id.slice(-6)}`;

  // A verified company.
  const hrdEmail = `hrd.${id}@asingmakmur.co.id`;
  await signUpCompanyAs(page, {
    name: companyName, nibDigit: "5", kbli: "10", district: "36.03.01",
    address: "Jl. Raya Cikupa No. 9", contact: "Dewi Anggraini", phone: "021-5554321",
  }, id, hrdEmail, "rendang-padang-siang");
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto(`/petugas/perusahaan?cari=${encodeURIComponent(companyName)}`);
  const pending = officer.getByRole("listitem").filter({ hasText: companyName });
  await pending.getByRole("button", { name: "Verifikasi" }).click();
  await expect(pending).toHaveCount(0);

  // Two foreign workers on one RPTKA; a passport too short is explained and nothing typed is lost.
  await signIn(page, hrdEmail, "rendang-padang-siang");
  await page.goto("/perusahaan/tka");
  await hydrated(page);
  const form = page.getByTestId("tka-form");
  await form.locator('[name="form[passport]"]').fill("E1");
  await form.locator('[name="form[name]"]').fill("Li Wei");
  await form.getByTestId("tka-submit").click();
  await expect(form.getByText("Nomor paspor: 6–20 huruf atau angka.")).toBeVisible();
  await expect(form.locator('[name="form[name]"]')).toHaveValue("Li Wei");
  await reportWorker(form, "Li Wei", `E${id.slice(-8)}`, "Tiongkok", rptka);
  await page.reload();
  await hydrated(page);
  await reportWorker(page.getByTestId("tka-form"), "Kim Min-jun", `M${id.slice(-8)}`, "Korea Selatan", rptka);
  await expect(page.getByTestId("tka-worker")).toHaveCount(2);
  await expect(page.getByTestId("tka-worker").first().getByTestId("tka-expiry")).toContainText(/2[45] hari/);

  // A levy bill: 2 positions × 6 months × USD 100.
  const bill = page.getByTestId("bill-form");
  await bill.locator('[name="form[rptka_number]"]').selectOption(rptka);
  await bill.locator('[name="form[period_start]"]').fill(inDays(61));
  await bill.locator('[name="form[period_end]"]').fill(inDays(61 + 170));
  await bill.locator('[name="form[positions]"]').fill("2");
  await bill.locator('[name="form[rate]"]').fill("16.234,50");
  await bill.locator('[name="form[rate_date]"]').fill(inDays(0));
  await bill.locator('[name="form[rate_source]"]').fill("Kurs JISDOR Bank Indonesia");
  await bill.getByTestId("bill-submit").click();
  const card = page.getByTestId("dkptka-bill").first();
  await expect(card.getByTestId("bill-amount")).toContainText("USD 1.200,00");
  await expect(card.getByTestId("bill-status")).toHaveText("Belum dibayar");

  // The payment proof: a disguised file is refused, a PDF is sent.
  const proof = card.getByTestId("proof-form");
  await proof.locator('[name="payment_reference"]').fill(`BNI-${id.slice(-8)}`);
  await proof.locator('[name="paid_on"]').fill(inDays(0));
  await proof.locator('[name="rate"]').fill("16.240");
  await proof.locator('[name="rate_source"]').fill("Kurs JISDOR Bank Indonesia");
  await proof.locator('[name="proof"]').setInputFiles({ name: "bukti.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
  await proof.getByTestId("proof-submit").click();
  await expect(proof.getByText("Bukti bayar harus PDF, JPEG atau PNG.")).toBeVisible();
  await proof.locator('[name="proof"]').setInputFiles({
    name: "bukti.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"),
  });
  await proof.getByTestId("proof-submit").click();
  await expect(card.getByTestId("bill-status")).toHaveText("Menunggu validasi petugas");
  await shot(page, "tka-company");

  // The officer validates it with the local-talent check beside it.
  await officer.goto("/petugas/tka");
  await hydrated(officer);
  const item = officer.getByTestId("dkptka-queue-item").filter({ hasText: companyName });
  await expect(item.getByTestId("talent-check")).toContainText("13");
  // The card holders come from the hourly count, which the server runs as soon as its database is ready.
  await expect(officer.getByTestId("talent-counted")).toContainText("dihitung tiap jam; terakhir");
  await shot(officer, "tka-queue");
  await item.getByTestId("dkptka-validate").click();
  await expect(item).toHaveCount(0);
  await officer.close();

  // The company has the receipt; its QR link verifies with masked fields.
  await page.reload();
  await hydrated(page);
  const validated = page.getByTestId("dkptka-bill").first();
  await expect(validated.getByTestId("bill-status")).toHaveText("Tervalidasi");
  const receipt = await page.request.get((await validated.getByTestId("bill-receipt").getAttribute("href")) ?? "");
  expect(receipt.status()).toBe(200);
  expect((await receipt.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await validated.getByTestId("bill-verify").click();
  await expect(page.getByTestId("verify-state")).toHaveText("Pembayaran DKPTKA tervalidasi");
  await expect(page.getByTestId("verify-number")).toContainText("DKPTKA/3603/");
  await expect(page.getByRole("main")).not.toContainText("Li Wei");
  await expect(page.getByRole("main")).not.toContainText(rptka);
  await expectNoSeriousA11yIssues(page, "DKPTKA verification");
  await shot(page, "tka-verify");
});
