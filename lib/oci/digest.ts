/** sha256 via Web Crypto so the client runs unchanged in Node, the browser and edge runtimes. */
export async function sha256Digest(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  let hex = "";
  for (const b of hash) hex += b.toString(16).padStart(2, "0");
  return `sha256:${hex}`;
}

export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

export function isDigest(reference: string): boolean {
  return DIGEST_PATTERN.test(reference);
}
