import { expect, type Page } from "@playwright/test";

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

export async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
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
