// Every shipped request type through the browser (issue 23), each to its decision or receipt: PKB
// registration, the notices with a receipt at once (overtime with its limit warnings, mass leave, lock-out
// refused for an essential service and accepted otherwise), TKA permit tracking, the PHK report the worker
// objects to online, the union's strike notice against an employer by NIB, and a type an admin adds.
// (The PP approval with correction, PDF, QR page and survey is requests.spec.ts.)
import type { Browser, Locator, Page } from "@playwright/test";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, maleNik, signIn, signUpCompanyAs, signUpMan, unique } from "./helpers";

test.describe.configure({ timeout: 150_000 });

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;
const PDF = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");
const COMPANY_PASSWORD = "gado-gado-siang-hari";
const WORKER_PASSWORD = "ketoprak-pagi-hari";
/** The holiday table is not read here: dates that must lie N working days away get this many weekdays more. */
const HOLIDAY_MARGIN = 10;

/**
 * The portal's calendar day (WIB, UTC+7) moved by `count` weekdays (Saturdays and Sundays skipped; backwards
 * when negative), as `YYYY-MM-DD`. `weekdays(0)` is today, whatever day it is.
 */
function weekdays(count: number): string {
  const day = new Date(Date.now() + 7 * 3_600_000);
  day.setUTCHours(0, 0, 0, 0);
  const step = count < 0 ? -1 : 1;
  for (let left = Math.abs(count); left > 0; ) {
    day.setUTCDate(day.getUTCDate() + step);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left--;
  }
  return day.toISOString().slice(0, 10);
}

/** `iso` plus `days` calendar days. */
function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A company signed up (unverified, as a new one is) and signed in; returns its name and NIB. */
async function newCompany(page: Page, id: string, name: string) {
  const email = `hrd.${id}@layanan-uji.co.id`;
  await signUpCompanyAs(page, {
    name, nibDigit: "4", kbli: "10", district: "36.03.01",
    address: "Jl. Raya Cikupa No. 8", contact: "Dewi Lestari", phone: "021-5557788",
  }, id, email, COMPANY_PASSWORD);
  await signIn(page, email, COMPANY_PASSWORD);
  return { name, nib: `4${id.padStart(12, "0").slice(-12)}` };
}

async function companyRequests(page: Page) {
  await page.goto("/perusahaan/layanan");
  await hydrated(page);
}

/** Fills a type's form from its schema: `f_<key>` fields (selects by value), `d_<key>` documents as PDFs. */
async function fill(form: Locator, values: Record<string, string>, documents: string[] = []) {
  if (await form.evaluate((el) => el instanceof HTMLDetailsElement && !el.open)) {
    await form.locator("summary").click();
  }
  for (const [key, value] of Object.entries(values)) {
    const input = form.locator(`[name="f_${key}"]`);
    if (await input.evaluate((el) => el.tagName === "SELECT")) {
      await input.selectOption(value);
    } else {
      await input.fill(value);
    }
  }
  for (const key of documents) {
    await form.locator(`[name="d_${key}"]`).setInputFiles({ name: `${key}.pdf`, mimeType: "application/pdf", buffer: PDF });
  }
}

/**
 * Clicks `button` and waits until the page's list has been loaded again (`loader`, a server function):
 * every answer, refusal or not, reloads it and rebuilds the forms, so the next step works on the new ones.
 */
async function submitAndReload(page: Page, button: Locator, loader: string) {
  const old = await button.elementHandle();
  const reloaded = page.waitForResponse((response) => response.url().includes(loader));
  await button.click();
  await (await reloaded).finished();
  // The list is drawn anew from the answer (its time changes each load), so the old controls go.
  await page.waitForFunction((el) => !el?.isConnected, old, { timeout: 5_000 }).catch(() => {});
}

/** Files a request of type `key` on the company's page; answers are checked by the caller. */
async function file(page: Page, key: string, values: Record<string, string>, documents: string[] = []) {
  const form = page.getByTestId(`file-${key}`);
  await fill(form, values, documents);
  await submitAndReload(page, form.getByTestId("request-submit"), "load_company_requests");
}

function card(page: Page, text: string) {
  return page.getByTestId("request-item").filter({ hasText: text });
}

/** The issued document of a card is a PDF. */
async function expectPdf(page: Page, item: Locator) {
  const pdf = await page.request.get((await item.getByTestId("request-pdf").getAttribute("href")) ?? "");
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
}

async function officerQueue(browser: Browser) {
  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/petugas/layanan");
  await hydrated(officer);
  return officer;
}

test("PKB: company files a collective agreement → a term over 2 years is refused → officer registers it → number, validity to the term's end, verification page", async ({ page, browser }) => {
  const id = unique();
  const { name } = await newCompany(page, id, `PT Perjanjian Bersama ${id}`);
  await companyRequests(page);
  const termStart = weekdays(5);
  const termEnd = plusDays(termStart, 700);
  const pkb = { union_name: `SP Maju Bersama ${id}`, union_registration: `568/SP/${id.slice(-4)}`, term_start: termStart };

  await file(page, "pkb", { ...pkb, term_end: plusDays(termStart, 800) }, ["pkb_text"]);
  await expect(page.locator("#new-pkb-f_term_end-error")).toContainText("paling lama 2 tahun");
  await expectNoSeriousA11yIssues(page, "PKB form with its term error");
  await file(page, "pkb", { ...pkb, term_end: termEnd }, ["pkb_text"]);
  await expect(page.getByTestId("request-filed")).toBeVisible();
  const item = card(page, "Perjanjian Kerja Bersama");
  await expect(item.getByTestId("request-status")).toHaveText("Diajukan");
  await expect(item.getByTestId("request-due")).toBeVisible();

  const officer = await officerQueue(browser);
  const queued = officer.getByTestId("request-queue-item").filter({ hasText: name });
  await expect(queued).toContainText(pkb.union_name);
  await expect(queued.getByTestId("request-approve")).toHaveText("Catat/daftarkan");
  await queued.getByTestId("request-approve").click();
  await expect(queued).toHaveCount(0);
  await officer.close();

  await page.reload();
  await hydrated(page);
  await expect(item.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(item.getByTestId("request-number")).toContainText("PKB/");
  await expect(item).toContainText(`Berlaku sampai ${termEnd}`);
  await expectPdf(page, item);
  await item.getByTestId("request-verify").click();
  await expect(page.getByTestId("verify-state")).toHaveText("Dokumen ini asli dan tercatat.");
  await expect(page.getByTestId("verify-number")).toContainText("PKB/");
  await expect(page.getByRole("main")).toContainText(termEnd);
  await expectNoSeriousA11yIssues(page, "PKB verification");
});

test("notices get their receipt at once: overtime warns past 4 h/day and 18 h/week, mass leave, a lock-out refused for an essential service and accepted for a general one", async ({ page }) => {
  const id = unique();
  await newCompany(page, id, `PT Pabrik Sepatu ${id}`);
  await companyRequests(page);

  // Overtime: filed, warned (not refused), receipted at once.
  await file(page, "overtime", {
    start_date: weekdays(3), end_date: weekdays(8), workers: "40", hours_per_day: "5", hours_per_week: "20",
    reasons: "Pesanan ekspor menjelang akhir tahun; lembur dengan persetujuan tertulis pekerja",
  }, ["consent"]);
  await expect(page.getByTestId("request-filed")).toBeVisible();
  const overtime = card(page, "Pemberitahuan kerja lembur");
  await expect(overtime.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(overtime.getByTestId("request-number")).toContainText("LEMBUR/");
  await expect(overtime).toContainText("Peringatan: lembur melebihi 4 jam sehari");
  await expect(overtime).toContainText("Peringatan: lembur melebihi 18 jam seminggu");
  await expectNoSeriousA11yIssues(page, "overtime notice with its warnings");
  await expectPdf(page, overtime);

  // Mass leave.
  await file(page, "mass_leave", {
    start_date: weekdays(10), end_date: weekdays(12), workers: "120", reasons: "Cuti bersama akhir tahun",
  });
  const leave = card(page, "Pemberitahuan cuti massal");
  await expect(leave.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(leave.getByTestId("request-number")).toContainText("CUTI/");

  // Lock-out: at least 7 working days ahead; never for an essential service (UU 13/2003 Ps 147).
  const start = weekdays(7 + HOLIDAY_MARGIN);
  const lockout = {
    start_date: start, start_time: "07:00", end_date: weekdays(9 + HOLIDAY_MARGIN), end_time: "17:00",
    reasons: "Perundingan tentang upah gagal; penutupan sebagian lini produksi",
  };
  await file(page, "lockout", { ...lockout, sector: "rumah_sakit" });
  await expect(page.locator("#new-lockout-f_sector-error")).toContainText("Penutupan perusahaan dilarang");
  await expect(card(page, "penutupan perusahaan")).toHaveCount(0);
  await expectNoSeriousA11yIssues(page, "lock-out refused for an essential service");
  await file(page, "lockout", { ...lockout, sector: "umum" });
  const accepted = card(page, "penutupan perusahaan");
  await expect(accepted.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(accepted.getByTestId("request-number")).toContainText("LOCKOUT/");
  await expect(accepted).toContainText(`Tanggal mulai: ${start}`);
  await expect(accepted).toContainText("Jam mulai: 07:00");
  await expectPdf(page, accepted);
  await expect(page.getByTestId("request-item")).toHaveCount(3);
});

test("TKA permit tracking: company records an RPTKA application, registered at once, then moves its stage", async ({ page }) => {
  const id = unique();
  await newCompany(page, id, `PT Teknik Asing ${id}`);
  await companyRequests(page);
  await file(page, "tka_permit", {
    application_kind: "rptka_baru", application_number: `RPTKA-${id}`, position: "Kepala teknik mesin",
    stage: "diajukan", rptka_number: `KEP.${id.slice(-5)}/PPTK/PTKA/2026`,
  });
  const permit = card(page, "Pelacakan izin TKA");
  await expect(permit.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(permit.getByTestId("request-number")).toContainText("TKA/");
  await expect(permit).toContainText("Tahap saat ini: diajukan");

  await permit.locator('[name="stage"]').selectOption("verifikasi");
  await permit.locator('[name="note"]').fill("Dokumen diverifikasi Kemnaker");
  await submitAndReload(page, permit.getByRole("button", { name: "Catat tahap" }), "load_company_requests");
  await expect(permit).toContainText("Tahap saat ini: verifikasi");
  await expect(permit.getByTestId("request-trail")).toContainText("verifikasi: Dokumen diverifikasi Kemnaker");
  await expectNoSeriousA11yIssues(page, "TKA permit after a stage change");
});

test("PHK: company reports dismissals → 14-working-day notice enforced → the worker sees the report at /akun/phk and objects → officer cannot register it; a report past the objection window is registered", async ({ page, browser }) => {
  const id = unique();
  const serial = Math.floor(Math.random() * 8000) + 1000;
  const workerNik = maleNik(serial);
  const workerEmail = `pekerja.${id}@example.co.id`;
  await signUpMan(page, workerEmail, workerNik, WORKER_PASSWORD);

  const company = await browser.newPage();
  const { name } = await newCompany(company, id, `PT Garmen Sentosa ${id}`);
  await companyRequests(company);
  const phk = {
    worker_nik: workerNik, worker_name: "Budi Hartono", notice_date: weekdays(0), probation: "tidak",
    reasons: "Efisiensi karena penutupan lini jahit",
  };
  await file(company, "phk", { ...phk, end_date: weekdays(5) }, ["notice"]);
  await expect(company.locator("#new-phk-f_end_date-error")).toContainText("14 hari kerja");
  await file(company, "phk", { ...phk, end_date: weekdays(14 + HOLIDAY_MARGIN) }, ["notice"]);
  await expect(card(company, "Budi Hartono").getByTestId("request-status")).toHaveText("Diajukan");
  // A second worker (no account) notified long enough ago that the 7 working days to object are over.
  await file(company, "phk", {
    ...phk, worker_nik: maleNik(serial + 1), worker_name: "Andi Saputra",
    notice_date: weekdays(-(7 + HOLIDAY_MARGIN)), end_date: weekdays(14 + HOLIDAY_MARGIN),
  }, ["notice"]);
  const second = card(company, "Andi Saputra");
  await expect(second.getByTestId("request-status")).toHaveText("Diajukan");
  await expect(company.getByRole("main")).not.toContainText(workerNik);

  // The worker sees the report about them (not the other one) and objects.
  await signIn(page, workerEmail, WORKER_PASSWORD);
  await page.goto("/akun/phk");
  await hydrated(page);
  const report = page.getByTestId("phk-report");
  await expect(report).toHaveCount(1);
  await expect(report).toContainText(name);
  await expect(report.getByTestId("request-status")).toHaveText("Diajukan");
  const objection = "Saya tidak pernah menerima surat pemberitahuan; saya minta perundingan bipartit.";
  await report.getByLabel(/Ajukan keberatan/).fill(objection);
  await submitAndReload(page, report.getByTestId("phk-object"), "load_my_phk");
  await expect(page.getByRole("status").filter({ hasText: "Keberatan Anda terkirim" })).toBeVisible();
  await expect(report).toContainText(`Keberatan pekerja: ${objection}`);
  await expect(report.getByTestId("phk-object")).toHaveCount(0);
  await expectNoSeriousA11yIssues(page, "PHK report with the worker's objection");

  // The officer sees the objection; an objected report cannot be registered, the other one can.
  const officer = await officerQueue(browser);
  const objected = officer.getByTestId("request-queue-item").filter({ hasText: name }).filter({ hasText: "Budi Hartono" });
  await expect(objected.getByTestId("request-objection")).toContainText(objection);
  await submitAndReload(officer, objected.getByTestId("request-approve"), "load_officer_requests");
  await expect(officer.getByRole("alert").filter({ hasText: "Pekerja mengajukan keberatan" })).toBeVisible();
  await expect(objected).toHaveCount(1);
  await expectNoSeriousA11yIssues(officer, "request queue refusing to register an objected PHK report");
  const lapsed = officer.getByTestId("request-queue-item").filter({ hasText: name }).filter({ hasText: "Andi Saputra" });
  await lapsed.getByTestId("request-approve").click();
  await expect(lapsed).toHaveCount(0);
  await officer.close();

  await company.reload();
  await hydrated(company);
  await expect(second.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(second.getByTestId("request-number")).toContainText("PHK/");
  await expect(card(company, "Budi Hartono").getByTestId("request-status")).toHaveText("Diajukan");
  await company.close();
});

test("strike notice: a worker files for the union at /akun/mogok against the employer's NIB → 7 working days enforced → receipt at once and a mediation opened → the company sees it", async ({ page, browser }) => {
  const id = unique();
  const company = await browser.newPage();
  const { name, nib } = await newCompany(company, id, `PT Baja Perkasa ${id}`);

  const workerEmail = `serikat.${id}@example.co.id`;
  await signUpMan(page, workerEmail, maleNik(Math.floor(Math.random() * 8000) + 1000), WORKER_PASSWORD);
  await signIn(page, workerEmail, WORKER_PASSWORD);
  await page.goto("/akun/mogok");
  await hydrated(page);
  const form = page.getByTestId("file-strike");
  const union = `SPSI PT Baja Perkasa ${id}`;
  const strike = {
    union_name: union, union_registration: `568/${id.slice(-4)}/SP/2025`, start_time: "08:00", end_time: "16:00",
    place: "Halaman pabrik PT Baja Perkasa", reasons: "Upah lembur tidak dibayar selama tiga bulan",
  };
  await form.getByLabel("NIB perusahaan (13 angka)").fill(nib);
  await fill(form, { ...strike, start_date: weekdays(2), end_date: weekdays(3) }, ["signatures"]);
  await submitAndReload(page, form.getByTestId("request-submit"), "load_union_notices");
  await expect(page.locator("#union-strike-f_start_date-error")).toContainText("7 hari kerja");
  await expectNoSeriousA11yIssues(page, "strike notice filed too late");

  const start = weekdays(7 + HOLIDAY_MARGIN);
  await form.getByLabel("NIB perusahaan (13 angka)").fill(nib);
  await fill(form, { ...strike, start_date: start, end_date: weekdays(8 + HOLIDAY_MARGIN) }, ["signatures"]);
  await submitAndReload(page, form.getByTestId("request-submit"), "load_union_notices");
  await expect(page.getByTestId("request-filed")).toBeVisible();
  const notice = page.getByTestId("union-notice");
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(name);
  await expect(notice.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(notice).toContainText("MOGOK/");
  await expect(notice.getByTestId("request-trail")).toContainText("mediasi");
  await expectNoSeriousA11yIssues(page, "strike notice receipted");

  // The employer sees the union's notice (and cannot file one itself).
  await companyRequests(company);
  const received = card(company, "Pemberitahuan mogok kerja");
  await expect(received.getByTestId("request-status")).toHaveText("Dicatat");
  await expect(received).toContainText(union);
  await expect(received).toContainText(`Tanggal mulai: ${start}`);
  await expect(company.getByTestId("file-strike")).toHaveCount(0);
  await company.close();
});

test("an admin adds a request type at /admin/layanan → a company files it → the officer approves it", async ({ page, browser }) => {
  const id = unique();
  const key = `izin_uji_${id}`;
  const typeName = `Izin uji coba ${id}`;
  await signIn(page, ...ADMIN());
  await page.goto("/admin/layanan");
  await hydrated(page);
  const editor = page.getByTestId("type-form").first();
  await editor.getByLabel("Kunci (huruf kecil, angka, garis bawah)").fill(key);
  await editor.getByLabel("Nama (Indonesia)").fill(typeName);
  await editor.getByLabel("Nama (Inggris)").fill(`Trial permit ${id}`);
  await editor.getByLabel("Dasar hukum").fill("Perbup Tangerang 1/2026");
  await editor.getByLabel("Penanganan").selectOption("officer");
  await editor.getByLabel("Hasil keputusan positif").selectOption("approved");
  await editor.getByLabel("Batas keputusan (hari kerja)").fill("5");
  await editor.getByLabel("Tenggat perbaikan (hari kerja)").fill("14");
  await editor.getByLabel("Judul dokumen yang diterbitkan").fill("SURAT IZIN UJI COBA");
  await editor.getByLabel("Masa berlaku (bulan, 0 = tidak ada)").fill("12");
  await editor.getByLabel("Isian formulir").fill(
    "alasan | long_text | wajib | Alasan permohonan | Reason\n" +
    "jumlah | number | wajib | Jumlah pekerja | Workers\n" +
    "shift | choice | wajib | Sif kerja | Shift | pagi,malam",
  );
  await editor.getByLabel("Dokumen", { exact: true }).fill("surat | wajib | Surat permohonan | Application letter");
  await editor.getByTestId("type-save").click();
  await expect(page.getByRole("status").filter({ hasText: "Jenis layanan tersimpan." })).toBeVisible();
  await expect(page.getByTestId("request-types")).toContainText(`${typeName} (${key})`);
  await expectNoSeriousA11yIssues(page, "request types with the new type");

  const company = await browser.newPage();
  const { name } = await newCompany(company, id, `PT Uji Layanan ${id}`);
  await companyRequests(company);
  await expect(company.getByTestId(`file-${key}`)).toContainText(typeName);
  await file(company, key, { alasan: "Uji coba layanan baru dari admin", jumlah: "25", shift: "malam" }, ["surat"]);
  await expect(company.getByTestId("request-filed")).toBeVisible();
  const item = card(company, typeName);
  await expect(item.getByTestId("request-status")).toHaveText("Diajukan");
  await expect(item.getByTestId("request-due")).toBeVisible();
  await expect(item).toContainText("Sif kerja: malam");

  await page.goto("/petugas/layanan");
  await hydrated(page);
  const queued = page.getByTestId("request-queue-item").filter({ hasText: name });
  await expect(queued).toContainText(typeName);
  await queued.getByTestId("request-approve").click();
  await expect(queued).toHaveCount(0);

  await company.reload();
  await hydrated(company);
  await expect(item.getByTestId("request-status")).toHaveText("Disahkan");
  await expect(item.getByTestId("request-number")).toContainText("LYN/");
  await expectPdf(company, item);
  await company.close();
});
