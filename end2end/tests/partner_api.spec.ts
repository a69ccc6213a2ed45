import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

test("an admin registers a webhook endpoint, sees its secret once, sends a test event and reads the delivery log", async ({ page }) => {
  // A local receiver (the admin allows a private address for it) that answers 200 and counts what it gets.
  const received: { id: string; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push({ id: String(req.headers["webhook-id"] ?? ""), body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/hook/${unique()}`;
  try {
    await signIn(page, ...ADMIN());
    await page.goto("/admin/integrasi");
    await hydrated(page);
    const form = page.getByTestId("endpoint-form");

    // An address that is not a web address is explained beside its field.
    await form.locator('[name="form[partner]"]').fill("BPJS Ketenagakerjaan");
    await form.locator('[name="form[url]"]').fill("ftp://hooks.example");
    await form.locator('[name="form[event_types]"]').fill("ak1.issued pkwt.registered");
    await form.getByRole("button", { name: "Daftarkan" }).click();
    await expect(form.getByText("Alamat http:// atau https:// yang lengkap.")).toBeVisible();

    await form.locator('[name="form[url]"]').fill(url);
    await form.getByLabel("Izinkan alamat jaringan internal (privat atau loopback)").check();
    await form.getByRole("button", { name: "Daftarkan" }).click();
    await expect(page.getByTestId("endpoint-secret")).toContainText("whsec_");
    const item = page.getByTestId("endpoint-list").getByRole("listitem").filter({ hasText: url });
    await expect(item).toBeVisible();

    // The test event reaches the receiver, signed, and the delivery log shows it delivered.
    await item.getByRole("button", { name: `Kirim peristiwa uji ${url}` }).click();
    await expect(page.getByText("Peristiwa uji dikirim; lihat log pengiriman.")).toBeVisible();
    await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(JSON.parse(received[0].body).type).toBe("test.ping");
    await page.reload();
    await hydrated(page);
    const log = page.getByTestId("delivery-log").getByRole("row").filter({ hasText: received[0].id });
    await expect(log).toContainText("test.ping");
    await expect(log).toContainText("Terkirim");
    // Shown once: after the reload no secret is on the page.
    await expect(page.getByTestId("endpoint-secret")).toHaveCount(0);
    await expect(page.getByText(/whsec_/)).toHaveCount(0);

    // A new secret, shown once; then the endpoint is deleted.
    const listed = page.getByTestId("endpoint-list").getByRole("listitem").filter({ hasText: url });
    await listed.getByRole("button", { name: `Ganti rahasia ${url}` }).click();
    await expect(page.getByTestId("rotated-secret")).toContainText("whsec_");
    await listed.getByRole("button", { name: `Hapus ${url}` }).click();
    await expect(page.getByTestId("endpoint-list").getByRole("listitem").filter({ hasText: url })).toHaveCount(0);
  } finally {
    server.close();
  }
});
