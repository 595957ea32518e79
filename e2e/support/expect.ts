// Console pages evaluate the organisation on first load; on a busy 2-core CI machine that can take
// several seconds, so assertions wait up to 15 s instead of Playwright's default 5 s.
import { expect as baseExpect } from "@playwright/test";

export const expect = baseExpect.configure({ timeout: 15_000 });
