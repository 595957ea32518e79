import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { zipOf } from "../../test/support/zip";
import { writeTar } from "../archive/tar";
import { ArchiveTooLargeError, MAX_ARCHIVE_BYTES, readArchive, writeTarGz } from "./archive";


const zeros = (n: number) => new Uint8Array(n);

describe("readArchive", () => {
  it("reads zip, tar and tar.gz it did not write itself", async () => {
    const files = [{ path: "a/floe.yaml", bytes: new TextEncoder().encode("name: a\n") }];
    expect((await readArchive(zipOf([{ path: "a/floe.yaml", data: files[0].bytes }]))).files).toEqual(files);
    expect((await readArchive(writeTar(files))).files).toEqual(files);
    expect((await readArchive(await writeTarGz(files))).files).toEqual(files);
  });

  it("stops a zip whose declared sizes lie once the inflated bytes pass the cap", async () => {
    const bomb = zipOf([{ path: "bomb.yaml", data: zeros(MAX_ARCHIVE_BYTES + 1024 * 1024), declaredSize: 100 }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    await expect(readArchive(bomb)).rejects.toBeInstanceOf(ArchiveTooLargeError);
  });

  it("counts the cap over all entries of a zip, not per entry", async () => {
    const half = zeros(600);
    const zip = zipOf([1, 2, 3].map((n) => ({ path: `f${n}.yaml`, data: half, declaredSize: 1 })));
    await expect(readArchive(zip, 1000)).rejects.toBeInstanceOf(ArchiveTooLargeError);
    expect((await readArchive(zip, 1800)).files).toHaveLength(3);
  });

  it("stops a gzip bomb at the cap", async () => {
    const bomb = new Uint8Array(gzipSync(writeTar([{ path: "big.yaml", bytes: zeros(2_000_000) }])));
    await expect(readArchive(bomb, 1_000_000)).rejects.toBeInstanceOf(ArchiveTooLargeError);
  });

  it("refuses garbage and truncated archives with a message, not a crash", async () => {
    await expect(readArchive(new TextEncoder().encode("hello"))).rejects.toThrow("not a .tar, .tar.gz or .zip archive");
    const gz = await writeTarGz([{ path: "x.yaml", bytes: zeros(10) }]);
    await expect(readArchive(gz.subarray(0, gz.length - 10))).rejects.toThrow(/cannot read the archive/);
  });
});
