import { test, expect, expectNoSeriousA11yIssues } from "./axe";
import { hydrated, signIn, signUpCompanyAs, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

test("a visitor searches /regulasi and compares nothing without signing in", async ({ page }) => {
  await page.goto("/regulasi?q=PKWT");
  const pkwt = page.getByTestId("regulation").filter({ hasText: "PP 35/2021" }).first();
  await expect(pkwt).toBeVisible();
  await expect(page.getByText("Masuk untuk mengikuti kategori")).toBeVisible();
  await pkwt.getByRole("link").click();
  await expect(page.getByTestId("regulation-title")).toContainText("PP 35/2021");
  await expectNoSeriousA11yIssues(page, "a regulation's page");
  await page.goto("/regulasi?q=%25_zzz");
  await expect(page.getByTestId("regulations-none")).toBeVisible();
});

test("a company follows wages, an officer publishes a wage regulation, the company reads the notice in its inbox", async ({ page, browser }) => {
  const id = unique();
  const title = `UMK uji ${id}`;
  const email = `hrd.${id}@inboxuji.co.id`;
  await signUpCompanyAs(page, {
    name: `PT Kotak Masuk ${id}`, nibDigit: "7", kbli: "10", district: "36.03.01",
    address: "Jl. Raya Pasar Kemis No. 5", contact: "Rina Wati", phone: "021-5557788",
  }, id, email, "kotak-masuk-sandi-uji");
  await signIn(page, email, "kotak-masuk-sandi-uji");
  await page.goto("/regulasi");
  await hydrated(page);
  const wages = page.getByTestId("regulation-follows").getByRole("listitem").filter({ hasText: "Upah" });
  await wages.getByRole("button", { name: /^Ikuti/ }).click();
  await expect(wages).toContainText("diikuti");

  const officer = await browser.newPage();
  await signIn(officer, ...ADMIN());
  await officer.goto("/regulasi");
  await hydrated(officer);
  const editor = officer.getByTestId("regulation-editor");
  await editor.locator('[name="form[category]"]').selectOption("wages");
  await editor.locator('[name="form[kind]"]').selectOption("regulation");
  await editor.locator('[name="form[title]"]').fill("ab");
  await editor.getByTestId("regulation-publish").click();
  await expect(editor.getByText("Panjang teks tidak sesuai.").first()).toBeVisible();
  await editor.locator('[name="form[title]"]').fill(title);
  await editor.locator('[name="form[body]"]').fill("Pasal 1\nUMK 2027: Rp5.500.000 sebulan.");
  await editor.locator('[name="form[effective_on]"]').fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await editor.getByTestId("regulation-publish").click();
  await expect(editor.getByRole("status")).toContainText("Regulasi diterbitkan");

  await page.goto("/kotak-masuk");
  await hydrated(page);
  await expect(page.getByTestId("header-unread").first()).toBeVisible();
  const item = page.getByTestId("inbox-item").filter({ hasText: title });
  await expect(item).toHaveAttribute("data-read", "false");
  await item.getByTestId("inbox-mark-read").click();
  await expect(page.getByTestId("inbox-item").filter({ hasText: title })).toHaveAttribute("data-read", "true");
  await page.getByTestId("inbox-item").filter({ hasText: title }).getByRole("link", { name: "Buka" }).click();
  await expect(page.getByTestId("regulation-title")).toHaveText(title);
  await expectNoSeriousA11yIssues(page, "the regulation opened from the inbox");
});
