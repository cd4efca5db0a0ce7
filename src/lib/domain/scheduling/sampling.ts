/**
 * Reproducible random sampling: a contact is in an X % sample when a hash of
 * (seed, contact id) falls below X % of the hash range. Same seed, same sample;
 * a larger percentage keeps everyone a smaller one had.
 */
export function sampleHash(seed: string, contactId: string): number {
	// FNV-1a over UTF-16 code units, then a murmur3 finaliser to spread the bits.
	let h = 0x811c9dc5;
	const input = `${seed}\u0000${contactId}`;
	for (let i = 0; i < input.length; i++) {
		h ^= input.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** percent: 1–100. */
export function inSample(seed: string, contactId: string, percent: number): boolean {
	if (percent >= 100) return true;
	return sampleHash(seed, contactId) % 10_000 < Math.round(percent * 100);
}
