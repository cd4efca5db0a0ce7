import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from '../../domain/integrations/addresses';

export class PrivateTargetError extends Error {
	constructor(address: string) {
		super(`refused: ${address} is a private or loopback address`);
	}
}

/** Whether a URL's host is (or resolves to) a private or loopback address. */
export async function targetIsPrivate(url: URL): Promise<boolean> {
	const host = url.hostname.replace(/^\[|\]$/g, '');
	if (isIP(host)) return isPrivateAddress(host);
	try {
		const addresses = await dns.lookup(host, { all: true });
		return addresses.some((a) => isPrivateAddress(a.address));
	} catch {
		return false; // an unresolvable host fails at delivery, and is checked again there
	}
}

/**
 * Resolves like the system does, but refuses private addresses at connect time:
 * checking the address actually connected to means a DNS answer that changes after
 * the subscription was saved cannot reach the internal network.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
	dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
		if (err) return (callback as (e: Error) => void)(err);
		const list = addresses as LookupAddress[];
		const bad = list.find((a) => isPrivateAddress(a.address));
		if (bad) return (callback as (e: Error) => void)(new PrivateTargetError(bad.address));
		if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, list);
		(callback as (e: null, a: string, f: number) => void)(null, list[0]!.address, list[0]!.family);
	});
};

export interface PostResult {
	status: number | null;
	error: string | null;
}

/** POSTs a JSON body; never follows redirects; gives up after `timeoutMs`. */
export function postJson(url: URL, body: string, headers: Record<string, string>, allowPrivate: boolean, timeoutMs = 10_000): Promise<PostResult> {
	return new Promise((resolve) => {
		const host = url.hostname.replace(/^\[|\]$/g, '');
		if (!allowPrivate && isIP(host) && isPrivateAddress(host)) return resolve({ status: null, error: new PrivateTargetError(host).message });
		const client = url.protocol === 'https:' ? https : http;
		const request = client.request(
			url,
			{
				method: 'POST',
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Huifang-Webhooks/1', ...headers },
				timeout: timeoutMs,
				...(allowPrivate ? {} : { lookup: guardedLookup })
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve({ status: response.statusCode ?? null, error: null }));
				response.on('error', (e) => resolve({ status: response.statusCode ?? null, error: e.message }));
			}
		);
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', (e) => resolve({ status: null, error: e.message.slice(0, 500) }));
		request.end(body);
	});
}
