import { readFileSync } from "node:fs";
import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, signIn } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;
const HEADER = "tahun,bulan,kode_kecamatan,kecamatan,dimensi,kode_kategori,kategori,nilai,disamarkan,satuan";

test("a visitor filters the open statistics by district, reads a chart and downloads its CSV", async ({ page }) => {
  await page.goto("/statistik");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Statistik ketenagakerjaan");
  await expect(page.getByTestId("month-chart")).toBeVisible();

  // The filters are a plain GET form: the choice lands in the address, shareable and usable without JavaScript.
  const filters = page.getByTestId("stat-filters");
  await filters.getByLabel("Data", { exact: true }).selectOption("lowongan");
  await filters.getByLabel("Kecamatan", { exact: true }).selectOption({ label: "Cikupa" });
  await filters.getByRole("button", { name: "Tampilkan" }).click();
  await page.waitForURL(/data=lowongan&kecamatan=36\.03\.18/);
  await expect(page.getByRole("heading", { level: 2 }).first()).toContainText("Lowongan dilaporkan per bulan");
  await expect(page.getByTestId("stat-total")).toContainText("lowongan");
  // The chart's figures as a table: twelve months, this year's column holds numbers.
  const months = page.getByTestId("stat-month-table").locator("tbody tr");
  await expect(months).toHaveCount(12);
  const district = page.getByTestId("stat-breakdown-kecamatan");
  await expect(district.locator("tbody tr")).toHaveCount(1);
  await expect(district.locator("tbody tr").first()).toContainText("Cikupa");
  await expect(page.getByText(/Sumber: data administrasi portal/).first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("stat-csv").click()]);
  expect(download.suggestedFilename()).toBe("statistik-lowongan.csv");
  const lines = readFileSync(await download.path(), "utf8").trim().split("\n");
  expect(lines[0]).toBe(HEADER);
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) {
    expect(line.split(",")[2]).toBe("36.03.18");
  }

  await page.goto("/statistik/layanan");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tingkat layanan");
  await expect(page.getByTestId("service-ak1")).toBeVisible();
});

test("an officer sees an overdue item on the service dashboard", async ({ page }) => {
  const [email, password] = ADMIN();
  await signIn(page, email, password);
  await page.goto("/petugas");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dasbor layanan");
  const companies = page.getByTestId("queue-verifikasi-perusahaan");
  await expect(companies.getByTestId("waiting")).not.toHaveText("0");
  await expect(companies.getByTestId("overdue")).not.toHaveText("0");
  const overdue = page.getByTestId("overdue-item").filter({ hasText: "Verifikasi perusahaan" });
  await expect(overdue.first()).toBeVisible();
  await overdue.first().getByRole("link").click();
  await page.waitForURL(/\/petugas\/perusahaan$/);
  await expect(page.getByText("PT Antrean Lama Sentosa")).toBeVisible();
  await expectNoSeriousA11yIssues(page, "company verification queue (from the dashboard)");
});

test("a signed-out visitor gets the sign-in panel on the dashboard", async ({ page }) => {
  await page.goto("/petugas");
  await expect(page.getByRole("main")).toContainText(/[Mm]asuk/);
});
