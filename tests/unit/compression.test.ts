import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressResponse, pickEncoding } from '../../src/lib/server/http/compression';

const page = `<!doctype html><html><body>${'<p>您对本次保养服务满意吗？</p>'.repeat(200)}</body></html>`;
const html = (body: string, headers: Record<string, string> = {}) =>
	new Response(body, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'a=1', ...headers } });

describe('page compression', () => {
	it('picks brotli, then gzip, and honours q=0', () => {
		expect(pickEncoding('gzip, deflate, br')).toBe('br');
		expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
		expect(pickEncoding('*')).toBe('gzip');
		expect(pickEncoding('identity')).toBeNull();
		expect(pickEncoding(null)).toBeNull();
	});

	it('brotli-compresses a page, keeps status and cookies, and the bytes decode to the page', async () => {
		const res = await compressResponse('br, gzip', html(page));
		expect(res.headers.get('content-encoding')).toBe('br');
		expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
		expect(res.headers.get('set-cookie')).toBe('a=1');
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(brotliDecompressSync(bytes).toString()).toBe(page);
	});

	it('gzips for a client without brotli', async () => {
		const res = await compressResponse('gzip', html(page));
		expect(res.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(page);
	});

	it('leaves small pages, downloads and already encoded bodies as they are', async () => {
		const small = await compressResponse('br', html('<p>ok</p>'));
		expect(small.headers.get('content-encoding')).toBeNull();
		expect(await small.text()).toBe('<p>ok</p>');
		const csv = new Response(page, { headers: { 'content-type': 'text/csv' } });
		expect(await compressResponse('br', csv)).toBe(csv);
		const encoded = html(page, { 'content-encoding': 'gzip' });
		expect(await compressResponse('br', encoded)).toBe(encoded);
	});
});
