/**
 * Which addresses a link may make CI request. Content from a pull request must not probe the
 * network CI runs in, nor any address that is not an ordinary host on the internet: every block
 * of the IANA IPv4 and IPv6 Special-Purpose Address Registries is refused
 * (https://www.iana.org/assignments/iana-ipv4-special-registry/ and
 * https://www.iana.org/assignments/iana-ipv6-special-registry/, as of 2025-10; RFC 6890), with
 * multicast, the deprecated site-local and IPv4-compatible blocks. Loopback, private and shared
 * (carrier-grade NAT) blocks are where a local or staging server lives: those, and only those,
 * --allow-private-hosts opens. Link-local blocks and the clouds' metadata and platform addresses
 * inside or beside them stay refused even then: no staging server lives there, and from a CI
 * runner they answer with the runner's own credentials. Checked on resolved addresses.
 */
import { BlockList, isIP, SocketAddress } from 'node:net';

interface AddressBlock {
  network: string;
  prefix: number;
  name: string;
  /** A block a deliberate local or staging server may use (--allow-private-hosts). */
  local?: true;
}

const IPV4_BLOCKS: readonly AddressBlock[] = [
  { network: '0.0.0.0', prefix: 8, name: '"this network"' },
  { network: '10.0.0.0', prefix: 8, name: 'private', local: true },
  { network: '100.64.0.0', prefix: 10, name: 'shared address space (carrier-grade NAT)', local: true },
  { network: '100.100.100.200', prefix: 32, name: 'cloud metadata (Alibaba Cloud)' },
  { network: '127.0.0.0', prefix: 8, name: 'loopback', local: true },
  { network: '168.63.129.16', prefix: 32, name: 'cloud platform (Azure WireServer)' },
  { network: '169.254.0.0', prefix: 16, name: 'link-local, cloud metadata' },
  { network: '172.16.0.0', prefix: 12, name: 'private', local: true },
  { network: '192.0.0.0', prefix: 24, name: 'IETF protocol assignments' },
  { network: '192.0.2.0', prefix: 24, name: 'documentation (TEST-NET-1)' },
  { network: '192.31.196.0', prefix: 24, name: 'AS112' },
  { network: '192.52.193.0', prefix: 24, name: 'AMT' },
  { network: '192.88.99.0', prefix: 24, name: 'deprecated 6to4 relay anycast' },
  { network: '192.168.0.0', prefix: 16, name: 'private', local: true },
  { network: '192.175.48.0', prefix: 24, name: 'AS112 direct delegation' },
  { network: '198.18.0.0', prefix: 15, name: 'benchmarking' },
  { network: '198.51.100.0', prefix: 24, name: 'documentation (TEST-NET-2)' },
  { network: '203.0.113.0', prefix: 24, name: 'documentation (TEST-NET-3)' },
  { network: '224.0.0.0', prefix: 4, name: 'multicast' },
  // 240.0.0.0/4 (reserved) holds 255.255.255.255, the limited broadcast address.
  { network: '240.0.0.0', prefix: 4, name: 'reserved' },
];

// IPv4-mapped addresses (::ffff:0:0/96) are not listed: node's BlockList judges them by the IPv4
// rules above, so ::ffff:127.0.0.1 is loopback and ::ffff:8.8.8.8 is 8.8.8.8.
const IPV6_BLOCKS: readonly AddressBlock[] = [
  { network: '::', prefix: 128, name: 'unspecified' },
  { network: '::1', prefix: 128, name: 'loopback', local: true },
  { network: '::', prefix: 96, name: 'deprecated IPv4-compatible' },
  { network: '::ffff:0:0:0', prefix: 96, name: 'IPv4-translated' },
  { network: '64:ff9b::', prefix: 96, name: 'IPv4/IPv6 translation (NAT64)' },
  { network: '64:ff9b:1::', prefix: 48, name: 'local-use IPv4/IPv6 translation' },
  { network: '100::', prefix: 64, name: 'discard-only' },
  { network: '100:0:0:1::', prefix: 64, name: 'dummy prefix' },
  { network: '2001::', prefix: 23, name: 'IETF protocol assignments (Teredo, benchmarking, ORCHID, anycast services)' },
  { network: '2001:db8::', prefix: 32, name: 'documentation' },
  { network: '2002::', prefix: 16, name: '6to4' },
  { network: '2620:4f:8000::', prefix: 48, name: 'AS112 direct delegation' },
  { network: '3fff::', prefix: 20, name: 'documentation' },
  { network: '5f00::', prefix: 16, name: 'segment routing (SRv6) SIDs' },
  { network: 'fc00::', prefix: 7, name: 'unique local (private)', local: true },
  { network: 'fd00:ec2::254', prefix: 128, name: 'cloud metadata (AWS)' },
  { network: 'fe80::', prefix: 10, name: 'link-local' },
  { network: 'fec0::', prefix: 10, name: 'deprecated site-local' },
  { network: 'ff00::', prefix: 8, name: 'multicast' },
];

/** One BlockList per block, so a refusal can say which block; checked once per host a run meets. */
const BLOCKS = [...IPV4_BLOCKS.map((block) => ({ ...block, family: 'ipv4' as const, bits: block.prefix + 96 })), ...IPV6_BLOCKS.map((block) => ({ ...block, family: 'ipv6' as const, bits: block.prefix }))].map((block) => {
  const list = new BlockList();
  list.addSubnet(block.network, block.prefix, block.family);
  return { ...block, list };
});

/**
 * The special-purpose block holding an address, as "198.18.0.0/15 (benchmarking)", or
 * "not an IP address"; undefined for an ordinary address, and for a local one when allowed.
 */
export function specialPurposeBlock(address: string, allowLocal = false): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  // One SocketAddress for every block: check() given a string builds one per call, which costs
  // more than the check itself.
  const parsed = new SocketAddress({ address, family: family === 4 ? 'ipv4' : 'ipv6' });
  // The most specific block names the address (::1 is loopback, not IPv4-compatible).
  let found: (typeof BLOCKS)[number] | undefined;
  for (const block of BLOCKS) if (block.list.check(parsed) && (!found || block.bits > found.bits)) found = block;
  if (!found || (allowLocal && found.local)) return undefined;
  return `${found.network}/${found.prefix} (${found.name})`;
}
