import { chromium } from "@playwright/test";
const base = process.env.BASE_URL;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
for (const [name, width, height] of [["phone", 393, 851], ["tablet", 820, 1180], ["desktop", 1280, 800]]) {
  const page = await browser.newPage({ viewport: { width, height } });
  for (const [slug, path] of [["search", "/lowongan?q=operator"], ["search-filtered", "/lowongan?kecamatan=36.03.18&urut=upah&hal=2"], ["vacancy", "/lowongan/1"], ["home", "/"]]) {
    await page.goto(base + path);
    await page.screenshot({ path: `/tmp/shots/${slug}-${name}.png`, fullPage: true });
  }
  await page.close();
}
await browser.close();
