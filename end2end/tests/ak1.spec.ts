import { readFileSync } from "node:fs";
import { test, expect } from "@playwright/test";
import { hydrated, maleNik, signIn, signUpMan, unique } from "./helpers";

const ONE_PIXEL_PNG =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

test("profile → AK-1 application → revision → resubmission → approval → public verification", async ({ page, browser }, info) => {
  const id = unique();
  const email = `budi.${id}@example.co.id`;
  const password = "kopi-tubruk-pagi";
  await signUpMan(page, email, maleNik(Number(id.slice(-4)) || 2), password);
  await signIn(page, email, password);
  await page.goto("/akun/profil");
  await hydrated(page);
  await expect(page.getByTestId("completeness")).toHaveText("0 %");

  await page.getByLabel("Status perkawinan").selectOption("belum_kawin");
  await page.getByLabel("Alamat", { exact: true }).fill("Jl. Raya Serang Km 24, Balaraja");
  await page.getByLabel("Kode kecamatan (Kab. Tangerang)").fill("36.03.01");
  await page.getByLabel("Pendidikan terakhir").selectOption("SMK");
  await page.getByLabel("Nama sekolah/kampus").fill("SMK Negeri 1 Balaraja");
  await page.getByLabel("Tahun lulus").fill("2099");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByText("Tahun tidak valid.")).toBeVisible();
  await page.getByLabel("Tahun lulus").fill("2014");
  await page.getByLabel("Keterampilan").fill("las listrik, forklift");
  await page.getByRole("button", { name: "Simpan" }).click();
  await expect(page.getByTestId("completeness")).toHaveText("100 %");
  // A script named .jpg is refused by its bytes; a real PNG is stored and shown.
  await page.getByLabel("Pas foto").setInputFiles({ name: "foto.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<?php echo 1; ?>") });
  await page.getByRole("button", { name: "Unggah" }).first().click();
  await expect(page.getByRole("alert").filter({ hasText: "Jenis berkas tidak diterima" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Pas foto").setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: Buffer.from(ONE_PIXEL_PNG, "base64") });
  await page.getByRole("button", { name: "Unggah" }).first().click();
  await expect(page.getByText("Berkas tersimpan.")).toBeVisible();
  await expect(page.getByRole("img", { name: "Pas foto" })).toBeVisible();
  await hydrated(page);

  await page.getByRole("button", { name: "Ajukan kartu AK-1" }).click();
  await expect(page.getByTestId("ak1-status")).toHaveText("Menunggu verifikasi petugas");

  const officer = await browser.newPage();
  await signIn(officer, process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? "");
  await officer.goto("/petugas/ak1");
  await hydrated(officer);
  let card = officer.getByRole("listitem").filter({ hasText: "Budi Hartono" }).filter({ hasText: `********${maleNik(Number(id.slice(-4)) || 2).slice(-4)}` });
  await expect(card).toBeVisible();
  await officer.screenshot({ path: info.outputPath(`ak1-queue-${info.project.name}.png`), fullPage: true });
  await card.getByLabel("Alasan").fill("Foto ijazah belum terbaca, mohon periksa tahun lulus");
  await card.getByRole("button", { name: "Minta perbaikan" }).click();
  await expect(card).toHaveCount(0);

  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("ak1-status")).toHaveText("Perlu perbaikan");
  await expect(page.getByText(/^Catatan petugas: Foto ijazah belum terbaca/)).toBeVisible();
  await page.getByRole("button", { name: "Ajukan kartu AK-1" }).click();
  await expect(page.getByTestId("ak1-status")).toHaveText("Menunggu verifikasi petugas");

  await officer.reload();
  await hydrated(officer);
  card = officer.getByRole("listitem").filter({ hasText: `********${maleNik(Number(id.slice(-4)) || 2).slice(-4)}` });
  await card.getByRole("button", { name: "Setujui & terbitkan" }).click();
  await expect(card).toHaveCount(0);
  await officer.close();

  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("ak1-status")).toHaveText("Terbit");
  await expect(page.getByTestId("ak1-number")).toHaveText(/^AK1\/3603\/\d{4}\/\d{6}$/);
  await page.screenshot({ path: info.outputPath(`ak1-issued-${info.project.name}.png`), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ak1-pdf").click()]);
  expect(download.suggestedFilename()).toMatch(/^AK1-3603-\d{4}-\d{6}\.pdf$/);
  const pdf = await download.path();
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  await page.getByTestId("ak1-verify-link").click();
  await expect(page.getByTestId("verify-state")).toHaveText("Berlaku");
  await expect(page.getByText("B*** H******")).toBeVisible();
  await page.screenshot({ path: info.outputPath(`ak1-verify-${info.project.name}.png`), fullPage: true });
});
