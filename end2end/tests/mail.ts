import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "@playwright/test";

// The portal's default mail transport writes .eml files into <data dir>/outbox (see README).
const outbox = () => join(process.env.DNAKER_DATA_DIR ?? "", "outbox");

function decodeBody(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding:\s*base64/i.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    return body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  }
  return body;
}

/** Waits for the newest e-mail to `to` and returns the token in its link. */
export async function tokenFromMail(to: string): Promise<string> {
  let token = "";
  await expect
    .poll(
      () => {
        const files = readdirSync(outbox())
          .filter((f) => f.endsWith(".eml"))
          .map((f) => join(outbox(), f))
          .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
        for (const file of files) {
          const raw = readFileSync(file, "utf8");
          if (!raw.toLowerCase().includes(to.toLowerCase())) continue;
          const match = decodeBody(raw).match(/token=([A-Za-z0-9_-]+)/);
          if (match) {
            token = match[1];
            return true;
          }
        }
        return false;
      },
      { timeout: 20_000, message: `an e-mail to ${to} in ${outbox()}` },
    )
    .toBe(true);
  return token;
}
