import type { Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, signIn, signUpCompanyAs, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

test("company files a PP approval with its documents → officer asks for a correction → company corrects → approval PDF → its QR page → the survey", async ({ page, browser }, info) => {
  const id = unique();
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
  const companyName = `PT Layanan Prima ${id}`;
  const hrdEmail = `hrd.${id}@layananprima.co.id`;
  await signUpCompanyAs(page, {
    name: companyName, nibDigit: "7", kbli: "10", district: "36.03.01",
    address: "Jl. Raya Serang Km 12", contact: "Rina Kartika", phone: "021-5556789",
  }, id, hrdEmail, "nasi-uduk-pagi-hari");
  await signIn(page, hrdEmail, "nasi-uduk-pagi-hari");

  // The PP approval form, from the type's schema, with its two required documents.
  await page.goto("/perusahaan/layanan");
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "company requests");
  const pp = page.getByTestId("file-pp_approval");
  await pp.locator("summary").click();
  await pp.locator('[name="f_workers"]').fill("120");
  await pp.locator('[name="f_renewal"]').selectOption("tidak");
  await pp.locator('[name="f_representatives"]').fill("LKS Bipartit: Budi, Sari");
  await pp.locator('[name="d_pp_text"]').setInputFiles({ name: "pp.pdf", mimeType: "application/pdf", buffer: PDF });
  await pp.getByTestId("request-submit").click();
  await expect(pp.locator("#new-pp_approval-d_consultation-error")).not.toBeEmpty();
  await pp.locator('[name="d_pp_text"]').setInputFiles({ name: "pp.pdf", mimeType: "application/pdf", buffer: PDF });
  await pp.locator('[name="d_consultation"]').setInputFiles({ name: "saran.pdf", mimeType: "application/pdf", buffer: PDF });
  await pp.getByTestId("request-submit").click();
  await expect(page.getByTestId("request-filed")).toBeVisible();
  const card = page.getByTestId("request-item").first();
  await expect(card.getByTestId("request-status")).toHaveText("Diajukan");
  await expect(card.getByTestId("request-due")).toBeVisible();
  await shot(page, "requests-company");

  // The officer asks for a correction, with a reason.
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/layanan");
  await hydrated(officer);
  await expectNoSeriousA11yIssues(officer, "request queue");
  const item = officer.getByTestId("request-queue-item").filter({ hasText: companyName });
  await item.getByTestId("request-reason").fill("Lampirkan daftar hadir wakil pekerja");
  await item.getByTestId("request-revise").click();
  await expect(item).toHaveCount(0);

  // The company corrects: the values are kept, one changes, a new document goes along.
  await page.reload();
  await hydrated(page);
  const correction = page.getByTestId("request-item").first().getByTestId("correction");
  await expect(correction).toContainText("Lampirkan daftar hadir wakil pekerja");
  await expect(correction.locator('[name="f_workers"]')).toHaveValue("120");
  await correction.locator('[name="f_workers"]').fill("121");
  await correction.locator('[name="d_consultation"]').setInputFiles({ name: "hadir.pdf", mimeType: "application/pdf", buffer: PDF });
  await correction.getByTestId("correction-submit").click();
  await expect(page.getByTestId("request-item").first().getByTestId("request-status")).toHaveText("Diajukan");

  // The officer approves.
  await officer.reload();
  await hydrated(officer);
  const again = officer.getByTestId("request-queue-item").filter({ hasText: companyName });
  await again.getByTestId("request-approve").click();
  await expect(again).toHaveCount(0);
  await officer.close();

  // The approval: a PDF, and its QR page verifies it.
  await page.reload();
  await hydrated(page);
  const approved = page.getByTestId("request-item").first();
  await expect(approved.getByTestId("request-status")).toHaveText("Disahkan");
  await expect(approved.getByTestId("request-number")).toContainText("PP/");
  const pdf = await page.request.get((await approved.getByTestId("request-pdf").getAttribute("href")) ?? "");
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const surveyHref = (await approved.getByTestId("request-survey").getAttribute("href")) ?? "";
  await approved.getByTestId("request-verify").click();
  await expect(page.getByTestId("verify-state")).toHaveText("Dokumen ini asli dan tercatat.");
  await expect(page.getByTestId("verify-number")).toContainText("PP/");
  await expectNoSeriousA11yIssues(page, "request verification");
  await shot(page, "requests-verify");

  // The survey: nine elements, once.
  await page.goto(surveyHref);
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "survey");
  for (let q = 1; q <= 9; q++) {
    await page.locator(`#q${q}-${q % 2 === 0 ? 3 : 4}`).check();
  }
  await page.getByTestId("survey-submit").click();
  await expect(page.getByText("Terima kasih. Penilaian Anda sudah kami terima.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("survey-answered")).toBeVisible();
  await page.goto("/survei");
  await expect(page.getByTestId("ikm-overall")).toContainText("responden");
  await expectNoSeriousA11yIssues(page, "public IKM");
  await shot(page, "requests-ikm");
});
