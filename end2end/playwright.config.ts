import { defineConfig, devices } from "@playwright/test";

// The server is started by ../test.sh (fresh data dir, demo data) and its address passed in BASE_URL.
// Browsers are never downloaded: Debian's Chromium is used.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [
    { name: "phone", use: { ...devices["Pixel 5"], launchOptions: chromium } },
    { name: "desktop", use: { viewport: { width: 1280, height: 800 }, launchOptions: chromium } },
  ],
});
