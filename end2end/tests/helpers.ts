import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousA11yIssues } from "./axe";

// Each run (and each project: phone, desktop) uses fresh identities.
export const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

/**
 * Gives the page its own client address (the e2e server trusts X-Forwarded-For), as separate people have:
 * the portal limits sign-ups per address, and the suite signs up more people than one address may.
 */
export async function asNewVisitor(page: Page) {
  const octet = () => Math.floor(Math.random() * 250) + 1;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.18.${octet()}.${octet()}` });
}

/**
 * Waits until the WASM app has taken over the page (`src/lib.rs` marks `<html data-hydrated>`). A visitor
 * who is not signed in gets the WASM only on first using the page (`src/ui/hydration.rs`): a key press
 * stands in for that, as a person's first keystroke would.
 */
export async function hydrated(page: Page) {
  const html = page.locator("html");
  if (await html.evaluate((el) => el.dataset.hydration === "on-demand" && !el.dataset.hydrated)) {
    await page.keyboard.press("Shift");
  }
  await expect(html).toHaveAttribute("data-hydrated", "true");
}

/** A NIK of Kabupaten Tangerang (36.03.01) for a woman born on 15 August 1995, with a unique serial. */
export function femaleNik(serial: number): string {
  return `360301550895${String(serial).padStart(4, "0")}`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/masuk");
  await hydrated(page);
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: "Masuk" }).click();
  await page.waitForURL((url) => !url.pathname.endsWith("/masuk"));
  await hydrated(page);
  await expectNoSeriousA11yIssues(page, "first page after sign-in");
}


/** A NIK of Kabupaten Tangerang (36.03.01) for a man born on 20 May 1996, with a unique serial. */
export function maleNik(serial: number): string {
  return `360301200596${String(serial).padStart(4, "0")}`;
}

/** Signs a man up through the sign-up form (no e-mail verification needed for the AK-1). */
export async function signUpMan(page: Page, email: string, nik: string, password: string) {
  await asNewVisitor(page);
  await page.goto("/daftar/pencaker");
  await hydrated(page);
  await page.getByLabel("NIK", { exact: true }).fill(nik);
  await page.getByLabel("Nama lengkap").fill("Budi Hartono");
  await page.getByLabel("Tempat lahir").fill("Tangerang");
  await page.getByLabel("Tanggal lahir").fill("1996-05-20");
  await page.getByLabel("Laki-laki").check();
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Nomor HP/telepon").fill("0813 1111 2222");
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByRole("status")).toContainText("Pendaftaran berhasil");
}

/** A company as it signs up (it starts unverified). The NIB is made from the first digit and the run id. */
export interface NewCompany {
  name: string;
  nibDigit: string;
  kbli: string;
  district: string;
  address: string;
  contact: string;
  phone: string;
}

export async function signUpCompanyAs(page: Page, company: NewCompany, id: string, email: string, password: string) {
  await asNewVisitor(page);
  await page.goto("/daftar/perusahaan");
  await hydrated(page);
  await page.getByLabel("Nama perusahaan").fill(company.name);
  await page.getByLabel("NIB").fill(`${company.nibDigit}${id.padStart(12, "0").slice(-12)}`);
  await page.getByLabel("NPWP").fill("01.234.567.8-912.000");
  await page.getByLabel("KBLI (golongan pokok)").fill(company.kbli);
  await page.getByLabel("Kode kecamatan (Kab. Tangerang)").fill(company.district);
  await page.getByLabel("Alamat", { exact: true }).fill(company.address);
  await page.getByLabel("Nama narahubung").fill(company.contact);
  await page.getByLabel("Nomor HP/telepon").fill(company.phone);
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Kata sandi", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByRole("status")).toContainText("Pendaftaran terkirim");
}

/** Today in WIB (UTC+7, the server's calendar) plus `days`, as `YYYY-MM-DD`: a UTC date is
 *  yesterday in WIB between 17:00 and 24:00 UTC, and "today" would be refused as past. */
export function inDays(days: number): string {
  return new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Waits, when the WIB day (the server's calendar) has less than `minutes` left, until it has turned, and
 *  lengthens the test's timeout by the wait: a journey that relies on something lasting "until the end of
 *  today" (a counter consent) must not straddle midnight WIB, which is 17:00 UTC, inside a CI run. */
export async function clearOfWibMidnight(minutes: number): Promise<void> {
  const day = 86_400_000;
  const left = day - ((Date.now() + 7 * 3_600_000) % day);
  if (left >= minutes * 60_000) return;
  const info = test.info();
  if (info.timeout > 0) info.setTimeout(info.timeout + left + 2_000);
  await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}
