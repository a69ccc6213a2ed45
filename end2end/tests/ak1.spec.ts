import { readFileSync } from "node:fs";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { clearOfWibMidnight, hydrated, maleNik, signIn, signUpMan, unique } from "./helpers";

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
  await page.getByLabel("Kecamatan (Kab. Tangerang)").selectOption({ label: "Balaraja" });
  // The village list follows the district.
  await expect(page.getByLabel("Desa/kelurahan").locator("option", { hasText: "Talagasari" })).toHaveCount(1);
  await page.getByLabel("Desa/kelurahan").selectOption({ label: "Talagasari" });
  await page.getByLabel("Pendidikan terakhir").selectOption("SMK");
  await page.getByLabel("Nama sekolah/kampus").fill("SMK Negeri 1 Balaraja");
  await page.getByLabel("Tahun lulus").fill("2099");
  await page.getByTestId("profile-save").click();
  await expect(page.getByText("Tahun tidak valid.")).toBeVisible();
  await page.getByLabel("Tahun lulus").fill("2014");
  await page.getByLabel("Keterampilan", { exact: true }).fill("las listrik");
  await page.getByRole("button", { name: "+ Forklift" }).click();
  await expect(page.getByLabel("Keterampilan", { exact: true })).toHaveValue("las listrik, Forklift");
  await page.getByLabel("Jabatan yang diinginkan").fill("operator produksi, admin gudang");
  await page.getByLabel("Gaji terendah yang diterima (Rp per bulan)").fill("4.900.000");
  await page.getByLabel("Sif", { exact: true }).selectOption("rotating");
  await page.getByTestId("profile-save").click();
  await expect(page.getByTestId("completeness")).toHaveText("100 %");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Gaji terendah yang diterima (Rp per bulan)")).toHaveValue("Rp 4.900.000");
  await expect(page.getByLabel("Desa/kelurahan")).toHaveValue("36.03.01.2005");

  // Work history: a slip (end before start) is explained and nothing typed is lost; then it is saved.
  await page.getByText("Tambah pengalaman kerja").click();
  const work = page.getByTestId("work-form");
  await work.getByLabel("Nama perusahaan").fill("PT Maju Jaya Plastik");
  await work.getByLabel("Jabatan", { exact: true }).fill("Operator produksi");
  await work.getByLabel("Mulai").fill("2019-03");
  await work.getByLabel("Selesai").fill("2018-12");
  await work.getByRole("button", { name: "Tambahkan" }).click();
  await expect(work.getByText("Bulan selesai tidak boleh sebelum bulan mulai.")).toBeVisible();
  await expect(work.getByLabel("Nama perusahaan")).toHaveValue("PT Maju Jaya Plastik");
  await work.getByLabel("Selesai").fill("2023-12");
  await work.getByRole("button", { name: "Tambahkan" }).click();
  await expect(page.getByTestId("work-list")).toContainText("Operator produksi — PT Maju Jaya Plastik");
  await page.getByText("Tambah sertifikat atau pelatihan").click();
  const certificate = page.getByTestId("certificate-form");
  await certificate.getByLabel("Jenis").selectOption("certificate");
  await certificate.getByLabel("Nama sertifikat/pelatihan").fill("Operator Forklift");
  await certificate.getByLabel("Penerbit/penyelenggara").fill("BNSP");
  await certificate.getByLabel("Tahun").fill("2022");
  await certificate.getByRole("button", { name: "Tambahkan" }).click();
  await expect(page.getByTestId("certificate-list")).toContainText("Operator Forklift");
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
  await card.getByText("Profil lengkap, pengalaman dan sertifikat").click();
  await expect(card.getByTestId("applicant-profile")).toContainText("Operator produksi — PT Maju Jaya Plastik");
  await expect(card.getByTestId("applicant-profile")).toContainText("Operator Forklift (BNSP, 2022)");
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
  await expectNoSeriousA11yIssues(page, "AK-1 verification");
  await expect(page.getByText("B*** H******")).toBeVisible();
  await page.screenshot({ path: info.outputPath(`ak1-verify-${info.project.name}.png`), fullPage: true });
});

test("service counter: register with consent → profile → AK-1 → approve → print the card; statistics count it", async ({ page }, info) => {
  // The consent lasts until the end of the WIB day: the journey must not cross midnight WIB.
  await clearOfWibMidnight(5);
  const id = unique();
  const nik = `360302410790${id.slice(-4)}`;
  await signIn(page, process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? "");
  await page.goto("/petugas/loket");
  await hydrated(page);
  const register = page.getByTestId("counter-register");
  await register.getByLabel("NIK", { exact: true }).fill(nik);
  await register.getByLabel("Nama lengkap").fill("Siti Rahmawati");
  await register.getByLabel("Tempat lahir").fill("Tangerang");
  await register.getByLabel("Tanggal lahir").fill("1990-07-01");
  await register.getByLabel("Perempuan").check();
  await register.getByLabel("E-mail", { exact: true }).fill(`siti.${id}@example.co.id`);
  await register.getByLabel("Nomor HP/telepon").fill("0812 3456 7890");
  await register.getByRole("button", { name: "Daftarkan dan buka profil" }).click();
  // Without the person's consent nothing happens, and nothing typed is lost.
  await expect(register.getByText(/tanpa persetujuan petugas tidak dapat melanjutkan/)).toBeVisible();
  await expect(register.getByLabel("Nama lengkap")).toHaveValue("Siti Rahmawati");
  await page.screenshot({ path: info.outputPath(`counter-${info.project.name}.png`), fullPage: true });
  await register.getByLabel(/menyetujui petugas mengisi profil/).check();
  await register.getByRole("button", { name: "Daftarkan dan buka profil" }).click();
  await page.waitForURL(/\/petugas\/loket\/\d+$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Profil pencari kerja (layanan loket)" })).toBeVisible();
  await expectNoSeriousA11yIssues(page, "counter profile of the new seeker");
  // Touch targets at the counter are at least 44 px high.
  const saveBox = await page.getByTestId("profile-save").boundingBox();
  expect(saveBox?.height ?? 0).toBeGreaterThanOrEqual(44);

  await page.getByLabel("Status perkawinan").selectOption("kawin");
  await page.getByLabel("Alamat", { exact: true }).fill("Jl. Syekh Nawawi No. 5, Jayanti");
  await page.getByLabel("Kecamatan (Kab. Tangerang)").selectOption({ label: "Jayanti" });
  await page.getByLabel("Desa/kelurahan").selectOption({ index: 1 });
  await page.getByLabel("Pendidikan terakhir").selectOption("SMA");
  await page.getByLabel("Nama sekolah/kampus").fill("SMA Negeri 3 Kabupaten Tangerang");
  await page.getByLabel("Tahun lulus").fill("2008");
  await page.getByRole("button", { name: "+ Jahit industri" }).click();
  await page.getByTestId("profile-save").click();
  await expect(page.getByTestId("completeness")).toHaveText("100 %");
  await page.getByTestId("ak1-apply").click();
  await expect(page.getByTestId("ak1-status")).toHaveText("Menunggu verifikasi petugas");
  await page.screenshot({ path: info.outputPath(`counter-profile-${info.project.name}.png`), fullPage: true });
  // The counter runs on tablets: look at it at tablet width too.
  await page.setViewportSize({ width: 820, height: 1180 });
  await page.screenshot({ path: info.outputPath(`counter-profile-tablet.png`), fullPage: true });
  const counterUrl = page.url();

  await page.goto("/petugas/ak1");
  await hydrated(page);
  const card = page.getByRole("listitem").filter({ hasText: "Siti Rahmawati" }).filter({ hasText: nik.slice(-4) });
  await card.getByRole("button", { name: "Setujui & terbitkan" }).click();
  await expect(card).toHaveCount(0);

  await page.goto(counterUrl);
  await hydrated(page);
  await expect(page.getByTestId("ak1-status")).toHaveText("Terbit");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ak1-pdf").click()]);
  expect(download.suggestedFilename()).toMatch(/^AK1-3603-\d{4}-\d{6}\.pdf$/);

  // Opening the person's record: the counter consent is the relation, and a typed reason goes with the
  // file links. Looked at on a phone and a tablet, and checked with axe at phone width.
  const seekerId = counterUrl.match(/(\d+)$/)?.[1] ?? "";
  await page.goto("/petugas/loket");
  await hydrated(page);
  const lookup = page.getByTestId("seeker-lookup");
  await lookup.getByLabel("Nomor akun pencari kerja").fill(seekerId);
  await lookup.getByLabel("Alasan membuka data").fill("Memeriksa foto kartu AK-1");
  await lookup.getByRole("button", { name: "Buka data" }).click();
  const record = page.getByTestId("seeker-record");
  await expect(record).toContainText(nik);
  await expect(record).toContainText("Perempuan");
  await expect(record.getByRole("link", { name: "Pas foto" })).toHaveAttribute("href", `/petugas/pencaker/${seekerId}/berkas/photo?alasan=Memeriksa%20foto%20kartu%20AK-1`);
  await page.screenshot({ path: info.outputPath(`counter-record-tablet.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: info.outputPath(`counter-record-phone.png`), fullPage: true });
  await expectNoSeriousA11yIssues(page, "counter record at phone width");

  await page.goto("/petugas/statistik-ak1");
  await hydrated(page);
  await expect(page.getByTestId("stats-issued")).not.toHaveText("0");
  await expect(page.getByTestId("stats-on-time")).toHaveText(/%$/);
  await page.screenshot({ path: info.outputPath(`ak1-statistics-${info.project.name}.png`), fullPage: true });
});
