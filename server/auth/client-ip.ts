// The client's IP address, for sign-in rate limits and session records. X-Forwarded-For is
// whatever the client wrote unless a proxy we trust replaced or appended to it, and Next.js only
// fills it in when the client sent none. So the TCP peer address is taken from the socket itself
// (a diagnostics-channel hook stamps every incoming request with it, overwriting any header of
// that name the client sent), and X-Forwarded-For is read only when that peer is one of
// MESH_TRUSTED_PROXIES: the chain is walked from the right past trusted hops.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { BlockList, isIP, type Socket } from "node:net";

/** Set on each request from its socket, never from the client. */
export const PEER_ADDRESS_HEADER = "x-mesh-peer-address";
/** The resolved client address, handed to better-auth (advanced.ipAddress.ipAddressHeaders). */
export const CLIENT_IP_HEADER = "x-mesh-client-ip";

const hookState = globalThis as typeof globalThis & { __meshPeerHook?: boolean };

/** Installs the hook once per process (instrumentation.ts, at server start). */
export function installPeerAddressHook(): void {
  if (hookState.__meshPeerHook) return;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
  });
  hookState.__meshPeerHook = true;
}

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) → "10.0.0.1". */
function normalise(address: string): string | null {
  const plain = address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return isIP(plain) ? plain : null;
}

export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

const isTrusted = (list: BlockList, address: string) => list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The client address for these request headers, or null when the peer is unknown (the hook is
 * not installed, e.g. a route handler called in-process): callers then share one bucket.
 */
export function clientAddress(headers: Headers, trusted: BlockList, hookInstalled = hookState.__meshPeerHook === true): string | null {
  const peer = hookInstalled ? normalise(headers.get(PEER_ADDRESS_HEADER) ?? "") : null;
  if (!peer || !isTrusted(trusted, peer)) return peer;
  // The peer is our proxy: the address it saw is the rightmost entry it appended, and so on leftwards.
  let client = peer;
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").reverse();
  for (const hop of hops) {
    const address = normalise(hop);
    if (!address) break;
    client = address;
    if (!isTrusted(trusted, address)) break;
  }
  return client;
}
