import { test, expect } from "./axe";
import { hydrated, inDays, signIn, unique } from "./helpers";

const ADMIN = () => [process.env.E2E_ADMIN_EMAIL ?? "", process.env.E2E_ADMIN_PASSWORD ?? ""] as const;

test("an admin issues a partner key on /admin/integrasi, sees it once, and the key calls the API", async ({ page }) => {
  const id = unique();
  const name = `BPJS uji ${id}`;

  // Signed out, the page explains that it needs a sign-in.
  await page.goto("/admin/integrasi");
  await expect(page.getByRole("main")).toContainText(/masuk/i);

  await signIn(page, ...ADMIN());
  await page.goto("/admin/integrasi");
  await hydrated(page);
  const form = page.getByTestId("key-form");

  // A scope that does not exist is explained beside its field; nothing typed is lost.
  await form.locator('[name="form[name]"]').fill(name);
  await form.locator('[name="form[partner]"]').fill("BPJS Ketenagakerjaan");
  await form.locator('[name="form[expires_on]"]').fill(inDays(90));
  await form.locator('[name="form[scopes]"]').fill("pkwt:write");
  await form.getByRole("button", { name: "Terbitkan kunci" }).click();
  await expect(form.getByText("Pilih satu atau lebih cakupan dari daftar.")).toBeVisible();
  await expect(form.locator('[name="form[name]"]')).toHaveValue(name);

  await form.locator('[name="form[scopes]"]').fill("vacancies:read fairs:read");
  await form.getByRole("button", { name: "Terbitkan kunci" }).click();
  const shown = page.getByTestId("issued-key");
  await expect(shown).toContainText("dnk_live_");
  const key = (await shown.textContent())?.trim() ?? "";
  const row = page.getByTestId("key-table").getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, 15));

  // The key works against the API; a call without it is a problem document.
  const ok = await page.request.get("/api/v1/vacancies?limit=2", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).items.length).toBeGreaterThan(0);
  const refused = await page.request.get("/api/v1/fairs", { headers: { authorization: "Bearer dnk_live_wrong" } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");

  // Shown once: after a reload only its prefix is listed; last use is recorded.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("issued-key")).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);
  const listed = page.getByTestId("key-table").getByRole("row").filter({ hasText: name });
  await expect(listed).not.toContainText("Belum pernah");

  // Revoked: the key no longer works.
  await listed.getByRole("button", { name: `Cabut ${name}` }).click();
  await expect(page.getByTestId("key-table").getByRole("row").filter({ hasText: name })).toContainText("Dicabut");
  const revoked = await page.request.get("/api/v1/vacancies", { headers: { authorization: `Bearer ${key}` } });
  expect(revoked.status()).toBe(401);

  // The partners' reference is served by the portal itself.
  await page.goto("/api/v1/docs");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("partner API");
});
