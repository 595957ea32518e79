import { describe, expect, it } from "vitest";
import { withUserSlot } from "../../server/services/user-limits";

describe("withUserSlot", () => {
  it("refuses a user's second concurrent computation with 429, lets other users through, and frees the slot after", async () => {
    let release!: () => void;
    const first = withUserSlot("u1", "impact preview", 1, () => new Promise<string>((r) => (release = () => r("done"))));
    await expect(withUserSlot("u1", "impact preview", 1, async () => "second")).rejects.toMatchObject({ status: 429, code: "TOO_MANY_REQUESTS" });
    expect(await withUserSlot("u2", "impact preview", 1, async () => "other user")).toBe("other user");
    expect(await withUserSlot("u1", "export", 1, async () => "other kind")).toBe("other kind");
    release();
    expect(await first).toBe("done");
    expect(await withUserSlot("u1", "impact preview", 1, async () => "again")).toBe("again");
    await expect(withUserSlot("u1", "impact preview", 1, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withUserSlot("u1", "impact preview", 1, async () => "after a failure")).toBe("after a failure");
  });
});
