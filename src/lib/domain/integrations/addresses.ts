/**
 * Addresses a webhook must not reach unless an admin allows it: loopback, private,
 * link-local, carrier-grade NAT, unique-local, multicast and reserved ranges, and
 * IPv4 addresses inside IPv6 (mapped or NAT64) that are any of those.
 */
export function isPrivateAddress(ip: string): boolean {
	const v4 = parseIPv4(ip);
	if (v4) return privateV4(v4);
	const v6 = parseIPv6(ip);
	if (!v6) return true; // not an address we understand: refuse
	const [a, b, c, d, e, f, g, h] = v6;
	const embedded = [g! >> 8, g! & 255, h! >> 8, h! & 255];
	if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && (f === 0xffff || f === 0)) {
		if (f === 0 && g === 0 && (h === 0 || h === 1)) return true; // :: and ::1
		return privateV4(embedded);
	}
	if (a === 0x64 && b === 0xff9b) return privateV4(embedded);
	if ((a! & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
	if ((a! & 0xffc0) === 0xfe80) return true; // fe80::/10 link local
	if ((a! & 0xff00) === 0xff00) return true; // multicast
	if (a === 0x2001 && b === 0xdb8) return true; // documentation
	return false;
}

function privateV4([a, b]: number[]): boolean {
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b! >= 64 && b! <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b! >= 16 && b! <= 31) ||
		(a === 192 && b === 168) ||
		(a === 192 && b === 0) ||
		(a === 198 && (b === 18 || b === 19)) ||
		a! >= 224
	);
}

function parseIPv4(ip: string): number[] | null {
	const parts = ip.split('.');
	if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
	const n = parts.map(Number);
	return n.every((x) => x <= 255) ? n : null;
}

function parseIPv6(raw: string): number[] | null {
	let ip = raw.replace(/^\[|\]$/g, '').split('%')[0]!.toLowerCase();
	// A dotted IPv4 tail (::ffff:10.0.0.1) becomes two groups.
	const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
	if (tail) {
		const v4 = parseIPv4(tail[1]!);
		if (!v4) return null;
		ip = ip.slice(0, -tail[1]!.length) + ((v4[0]! << 8) | v4[1]!).toString(16) + ':' + ((v4[2]! << 8) | v4[3]!).toString(16);
	}
	const halves = ip.split('::');
	if (halves.length > 2) return null;
	const head = halves[0] ? halves[0].split(':') : [];
	const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
	const missing = 8 - head.length - rest.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
	const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...rest];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
	return groups.map((g) => parseInt(g, 16));
}
