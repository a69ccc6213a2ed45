import { test, expect } from "./axe";
import { asNewVisitor, femaleNik, hydrated, signIn, unique } from "./helpers";
import { tokenFromMail } from "./mail";

test("a seeker signs up, verifies the e-mail, signs in, sees the masked NIK and signs out", async ({ page }, info) => {
  const id = unique();
  const email = `siti.${id}@example.co.id`;
  const nik = femaleNik(Number(id.slice(-4)) || 1);
  await asNewVisitor(page);
  await page.goto("/daftar/pencaker");
  await hydrated(page);

  // The shared validator answers in the browser before anything is sent.
  await page.getByLabel("NIK", { exact: true }).fill("3603011508950001");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByText("Nama harus 2–120 karakter.")).toBeVisible();

  await page.getByLabel("NIK", { exact: true }).fill(nik);
  await page.getByLabel("Nama lengkap").fill("Siti Aminah");
  await page.getByLabel("Tempat lahir").fill("Tangerang");
  await page.getByLabel("Tanggal lahir").fill("1995-08-15");
  await page.getByLabel("Perempuan").check();
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Nomor HP/telepon").fill("0812 3456 7890");
  await page.getByLabel("Kata sandi", { exact: true }).fill("kopi-tubruk-pagi");
  await page.getByLabel(/mencocokkan lowongan/).check();
  await page.screenshot({ path: info.outputPath(`sign-up-${info.project.name}.png`), fullPage: true });
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByRole("status")).toContainText("Pendaftaran berhasil");

  const token = await tokenFromMail(email);
  await page.goto(`/verifikasi-email?token=${token}`);
  await hydrated(page);
  await page.getByRole("button", { name: "Verifikasi e-mail saya" }).click();
  await expect(page.getByRole("status")).toContainText("sudah terverifikasi");

  await signIn(page, email, "kopi-tubruk-pagi");
  await expect(page).toHaveURL(/\/akun$/);
  await expect(page.getByTestId("nik-masked")).toHaveText(`3603********${nik.slice(-4)}`);
  await expect(page.getByText(nik)).toHaveCount(0);
  await page.screenshot({ path: info.outputPath(`account-${info.project.name}.png`), fullPage: true });

  await hydrated(page);
  await page.getByRole("button", { name: "Keluar", exact: true }).click();
  await expect(page).toHaveURL(/\/masuk$/);
  await page.goto("/akun");
  await expect(page.getByText("Silakan masuk terlebih dahulu.")).toBeVisible();
});

test("a company signs up, an officer verifies it, its admin invites staff who joins", async ({ page, browser }, info) => {
  const id = unique();
  const hrdEmail = `hrd.${id}@maju.co.id`;
  const staffEmail = `rina.${id}@maju.co.id`;
  const nib = `9${id.padStart(12, "0").slice(-12)}`;
  await asNewVisitor(page);
  await page.goto("/daftar/perusahaan");
  await hydrated(page);
  await page.getByLabel("Nama perusahaan").fill(`PT Maju Bersama ${id}`);
  await page.getByLabel("NIB").fill(nib);
  await page.getByLabel("NPWP").fill("01.234.567.8-912.000");
  await page.getByLabel("KBLI (golongan pokok)").fill("10");
  await page.getByLabel("Kode kecamatan (Kab. Tangerang)").fill("36.03.01");
  await page.getByLabel("Alamat", { exact: true }).fill("Jl. Raya Serang Km 24, Balaraja");
  await page.getByLabel("Nama narahubung").fill("Budi Santoso");
  await page.getByLabel("Nomor HP/telepon").fill("021-5551234");
  await page.getByLabel("E-mail", { exact: true }).fill(hrdEmail);
  await page.getByLabel("Kata sandi", { exact: true }).fill("kopi-tubruk-pagi");
  await page.getByRole("button", { name: "Daftar" }).click();
  await expect(page.getByRole("status")).toContainText("Pendaftaran terkirim");

  // An officer (here the admin made by `dnaker create-admin` in test.sh) verifies it.
  const officer = await browser.newPage();
  await signIn(officer, process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? "");
  await officer.goto("/petugas/perusahaan");
  await expect(officer.getByTestId("company-queue-count")).toContainText("menunggu verifikasi");
  // The queue shows 50 a page, oldest first: the officer finds the company by name (a GET form).
  const search = officer.getByRole("search");
  await search.getByLabel("Cari nama perusahaan atau NIB").fill(`PT Maju Bersama ${id}`);
  await search.getByRole("button", { name: "Cari" }).click();
  await expect(officer).toHaveURL(/\/petugas\/perusahaan\?cari=/);
  await expect(officer.getByTestId("company-queue-count")).toContainText("1 perusahaan menunggu verifikasi yang cocok");
  const card = officer.getByRole("listitem").filter({ hasText: `PT Maju Bersama ${id}` });
  await expect(card).toBeVisible();
  await officer.screenshot({ path: info.outputPath(`company-queue-${info.project.name}.png`), fullPage: true });
  await card.getByRole("button", { name: "Verifikasi" }).click();
  await expect(card).toHaveCount(0);
  await officer.close();

  await signIn(page, hrdEmail, "kopi-tubruk-pagi");
  await expect(page).toHaveURL(/\/perusahaan$/);
  await expect(page.getByTestId("company-status")).toHaveText("Perusahaan terverifikasi.");
  await page.getByLabel("E-mail staf yang diundang").fill(staffEmail);
  await page.getByRole("button", { name: "Undang" }).click();
  await expect(page.getByText("Undangan terkirim.")).toBeVisible();

  const token = await tokenFromMail(staffEmail);
  const staff = await browser.newPage();
  await staff.goto(`/undangan?token=${token}`);
  await hydrated(staff);
  await staff.getByLabel("Nama lengkap").fill("Rina Wulandari");
  await staff.getByLabel("Kata sandi", { exact: true }).fill("teh-manis-sore-hari");
  await staff.getByRole("button", { name: "Gabung" }).click();
  await expect(staff.getByText("Akun Anda sudah dibuat")).toBeVisible();
  await signIn(staff, staffEmail, "teh-manis-sore-hari");
  await expect(staff).toHaveURL(/\/perusahaan$/);
  await expect(staff.getByTestId("staff")).toContainText("Rina Wulandari");
  await staff.screenshot({ path: info.outputPath(`company-staff-${info.project.name}.png`), fullPage: true });
  await staff.close();
});
