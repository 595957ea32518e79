import type { Page, TestInfo } from "@playwright/test";
import path from "node:path";

export const SCREENSHOT_DIR = path.join("test-results", "screenshots");

/** Full-page PNG named after `name`, kept across runs in test-results/screenshots/ for visual review. */
export async function saveScreenshot(page: Page, name: string, testInfo?: TestInfo): Promise<string> {
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo?.attach(name, { path: file, contentType: "image/png" });
  return file;
}
