import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddress, PEER_ADDRESS_HEADER, trustedProxyList } from "../../server/auth/client-ip";

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join("."));
// IPv4-mapped forms ("::ffff:1.2.3.4") are read as the IPv4 address: examples below.
const ipv6 = fc.ipV6().filter((ip) => !/^::ffff:\d/i.test(ip));
const junk = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("unknown", "", " ", "::ffff:", "1.2.3", "300.1.1.1", "[::1]", "_hidden"));
const forwarded = fc.array(fc.oneof(ipv4, ipv6, junk), { maxLength: 6 }).map((hops) => hops.join(", "));

const headers = (peer: string, xff?: string) => new Headers({ [PEER_ADDRESS_HEADER]: peer, ...(xff === undefined ? {} : { "x-forwarded-for": xff }) });
const none = trustedProxyList([]);

describe("clientAddress", { timeout: 60_000 }, () => {
  it("is the socket peer whatever X-Forwarded-For says, without trusted proxies", () => {
    fc.assert(
      fc.property(fc.oneof(ipv4, ipv6), forwarded, (peer, xff) => {
        expect(clientAddress(headers(peer, xff), none, true)).toBe(peer);
      }),
      { numRuns: 5_000 },
    );
  });

  it("is the socket peer when the peer is not a trusted proxy", () => {
    const trusted = trustedProxyList(["10.0.0.0/8"]);
    fc.assert(
      fc.property(ipv4.filter((ip) => !ip.startsWith("10.")), forwarded, (peer, xff) => {
        expect(clientAddress(headers(peer, xff), trusted, true)).toBe(peer);
      }),
      { numRuns: 5_000 },
    );
  });

  it("behind trusted proxies, is the rightmost address no trusted proxy added, and never a client's spoofed leftmost entry", () => {
    const trusted = trustedProxyList(["10.0.0.0/8", "127.0.0.1"]);
    fc.assert(
      fc.property(forwarded, ipv4.filter((ip) => !ip.startsWith("10.") && ip !== "127.0.0.1"), fc.array(fc.nat(255), { maxLength: 3 }), (spoofed, real, hops) => {
        const chain = [spoofed, real, ...hops.map((h) => `10.0.0.${h}`)].filter(Boolean).join(", ");
        expect(clientAddress(headers("127.0.0.1", chain), trusted, true)).toBe(real);
      }),
      { numRuns: 5_000 },
    );
  });

  it("examples", () => {
    const trusted = trustedProxyList(["127.0.0.1", "10.0.0.0/24"]);
    expect(clientAddress(headers("::ffff:127.0.0.1", "203.0.113.9"), none, true)).toBe("127.0.0.1");
    expect(clientAddress(headers("::ffff:127.0.0.1", "203.0.113.9"), trusted, true)).toBe("203.0.113.9");
    expect(clientAddress(headers("127.0.0.1", "1.1.1.1, 203.0.113.9, 10.0.0.7"), trusted, true)).toBe("203.0.113.9");
    // A chain of only trusted hops: the leftmost of them.
    expect(clientAddress(headers("127.0.0.1", "10.0.0.8, 10.0.0.7"), trusted, true)).toBe("10.0.0.8");
    // Garbage in the chain stops the walk at the last good hop.
    expect(clientAddress(headers("127.0.0.1", "203.0.113.9, nonsense"), trusted, true)).toBe("127.0.0.1");
    expect(clientAddress(headers("127.0.0.1"), trusted, true)).toBe("127.0.0.1");
    // Without the socket hook the header proves nothing: no address (one shared bucket).
    expect(clientAddress(headers("203.0.113.9"), none, false)).toBeNull();
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.9" }), none, true)).toBeNull();
  });
});
