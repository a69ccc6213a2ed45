import type { Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { asNewVisitor, hydrated, inDays, signIn, signUpCompanyAs, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

test("a worker files a confidential complaint without an account → an officer accepts it → the company answers → the worker follows each step and its deadline", async ({ page, browser }, info) => {
  const id = unique();
  const shot = (p: Page, name: string) => p.screenshot({ path: info.outputPath(`${name}-${info.project.name}.png`), fullPage: true });
  const companyName = `PT Pengaduan Uji ${id}`;
  const workerName = `Wulan Sari ${id.slice(-4)}`;
  const hrdEmail = `hrd.${id}@pengaduanuji.co.id`;
  await signUpCompanyAs(page, {
    name: companyName, nibDigit: "7", kbli: "10", district: "36.03.01",
    address: "Jl. Raya Balaraja No. 3", contact: "Andi Wijaya", phone: "021-5557777",
  }, id, hrdEmail, "sate-maranggi-pagi");

  // The worker, signed out, files a confidential complaint and keeps the code.
  const worker = await browser.newPage();
  await asNewVisitor(worker);
  await worker.goto("/pengaduan");
  await hydrated(worker);
  const form = worker.getByTestId("complaint-form");
  await form.locator('[name="form[company_id]"]').selectOption({ label: companyName });
  await form.locator('[name="form[category]"]').selectOption("phk");
  await form.locator('[name="form[since_date]"]').fill(inDays(-20));
  await form.locator('[name="form[description]"]').fill("Saya diberhentikan tanpa surat dan tanpa pesangon setelah lima tahun bekerja.");
  await form.locator('[name="form[workers_affected]"]').fill("3");
  await form.locator('[name="form[wish]"]').fill("Pesangon dibayar sesuai aturan");
  await form.locator('[name="form[privacy]"]').selectOption("confidential");
  await form.locator('[name="form[name]"]').fill(workerName);
  await form.getByTestId("complaint-submit").click();
  const code = (await worker.getByTestId("complaint-code").innerText()).trim();
  expect(code).toMatch(/^ADU-[34679ACDEFGHJKMNPQRTUVWXY]{10}$/);
  await worker.getByTestId("complaint-open").click();
  await expect(worker.getByTestId("complaint-status")).toHaveText("Menunggu verifikasi");
  await expect(worker.getByTestId("complaint-next")).toContainText("Verifikasi pengaduan");
  await expect(worker.getByTestId("complaint-next-article")).toContainText("SP4N-LAPOR!");
  await expectNoSeriousA11yIssues(worker, "complaint tracking page");
  await shot(worker, "complaint-filed");

  // An officer opens the queue, sees no name, and accepts the complaint.
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/pengaduan");
  await officer.getByRole("link", { name: code }).click();
  await hydrated(officer);
  await expect(officer.getByTestId("complaint-identity")).toContainText("Identitas dirahasiakan");
  await expect(officer.getByText(workerName)).toHaveCount(0);
  await expectNoSeriousA11yIssues(officer, "officer's complaint case");
  await officer.getByTestId("step-accept").getByRole("button", { name: "Terima" }).click();
  await expect(officer.getByTestId("complaint-status")).toHaveText("Diterima, rencana tindak lanjut");
  await shot(officer, "complaint-officer");

  // The company sees what is alleged (not who) and answers.
  await signIn(page, hrdEmail, "sate-maranggi-pagi");
  await page.goto("/perusahaan/pengaduan");
  await hydrated(page);
  // The company sees the case by its number, never by the worker's ticket code (the worker's only key).
  const card = page.getByTestId("company-complaint").filter({ hasText: "Saya diberhentikan tanpa surat" });
  await expect(card.getByTestId("company-complaint-ref")).toHaveText(/^PGD-\d{6}$/);
  await expect(card).not.toContainText(code);
  await expect(card).toContainText("Dirahasiakan");
  await expect(page.getByText(workerName)).toHaveCount(0);
  await card.locator('[name="text"]').fill("Kami akan hadir dalam perundingan bipartit.");
  await card.getByTestId("company-answer-submit").click();
  await expect(card.getByTestId("complaint-timeline")).toContainText("Tanggapan perusahaan");
  await shot(page, "complaint-company");

  // The worker sees each step and the next deadline with its basis.
  await worker.reload();
  await expect(worker.getByTestId("complaint-status")).toHaveText("Diterima, rencana tindak lanjut");
  await expect(worker.getByTestId("complaint-next")).toContainText("Rencana tindak lanjut");
  await expect(worker.getByTestId("complaint-next-due")).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  const timeline = worker.getByTestId("complaint-timeline");
  await expect(timeline).toContainText("Pengaduan diterima untuk ditindaklanjuti");
  await expect(timeline).toContainText("Kami akan hadir dalam perundingan bipartit.");
  await expect(worker.getByTestId("complaint-clocks")).toContainText("Verifikasi pengaduan");
  await shot(worker, "complaint-tracked");
});
