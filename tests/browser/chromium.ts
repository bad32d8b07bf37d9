// Debian's chromium for the browser tests, started the one way this machine allows: headless, no sandbox (root), and
// without the background networking that the closed network would refuse.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Where Debian's chromium package puts the browser (`.ci/run` installs it when missing). */
export const CHROMIUM = "/usr/bin/chromium";

/** True when chromium is installed; the browser suites are skipped (not failed) without it. */
export const hasChromium = existsSync(CHROMIUM);

/** Launches headless chromium for a test file; close it in afterAll. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
