import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DIALECTS } from './setup';
import { makeUser } from './fixtures';
import type { Db } from '$lib/server/db';
import { migrateTo, migrateToLatest } from '$lib/server/db/migrate';
import { isSealed, keyId, parseKey, seal, SecretKeyError, unseal } from '$lib/server/secrets/box';
import { resolveSecretKey, SECRET_KEY_ENV } from '$lib/server/secrets/key';
import { createSubscription, setPrivateTargetsAllowed } from '$lib/server/webhooks/subscriptions';
import { WEBHOOK_SECRET_PURPOSE } from '$lib/server/webhooks/secret-store';
import { emitEvent } from '$lib/server/webhooks/emit';
import { deliverWebhooks } from '$lib/server/webhooks/deliver';
import { verifySignature } from '$lib/server/webhooks/signature';

const KEY = randomBytes(32);
const OTHER_KEY = randomBytes(32);

describe('sealed secrets (AES-256-GCM)', () => {
	it('round-trips, with a fresh nonce each time, and refuses a wrong key, another purpose or an altered value', () => {
		const a = seal('whsec_abc', KEY, 'p');
		const b = seal('whsec_abc', KEY, 'p');
		expect(a).not.toBe(b);
		expect(isSealed(a)).toBe(true);
		expect(a).not.toContain('whsec_abc');
		expect(unseal(a, KEY, 'p')).toBe('whsec_abc');
		expect(() => unseal(a, OTHER_KEY, 'p')).toThrow(new SecretKeyError(`sealed under secret key ${keyId(KEY)}, but the key in use is ${keyId(OTHER_KEY)}`));
		expect(() => unseal(a, KEY, 'q')).toThrow(/altered/);
		const flipped = a.slice(0, -2) + (a.at(-2) === 'A' ? 'B' : 'A') + a.at(-1);
		expect(() => unseal(flipped, KEY, 'p')).toThrow(/altered/);
	});

	it('reads a key as 64 hex digits or base64, and refuses anything else', () => {
		expect(parseKey(KEY.toString('hex')).equals(KEY)).toBe(true);
		expect(parseKey(KEY.toString('base64')).equals(KEY)).toBe(true);
		expect(parseKey(` ${KEY.toString('base64url')}\n`).equals(KEY)).toBe(true);
		for (const bad of ['', 'short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64')]) expect(() => parseKey(bad)).toThrow(/HUIFANG_SECRET_KEY must be 32 bytes/);
	});
});

describe('where the secret key comes from', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'huifang-key-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('the environment first, on either database', () => {
		const env = { [SECRET_KEY_ENV]: KEY.toString('hex') };
		expect(resolveSecretKey({ kind: 'postgres' }, env)).toMatchObject({ origin: 'env' });
		expect(resolveSecretKey({ kind: 'pglite', dataDir: path.join(dir, 'pglite') }, env)!.key.equals(KEY)).toBe(true);
		expect(() => resolveSecretKey({ kind: 'postgres' }, { [SECRET_KEY_ENV]: 'not a key' })).toThrow(/32 bytes/);
	});

	it('with PGlite, a key generated once into DATA_DIR/secret.key, readable by its owner only', () => {
		const store = { kind: 'pglite' as const, dataDir: path.join(dir, 'pglite') };
		const first = resolveSecretKey(store, {})!;
		expect(first.origin).toBe('file');
		const file = path.join(dir, 'secret.key');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(parseKey(readFileSync(file, 'utf8')).equals(first.key)).toBe(true);
		expect(resolveSecretKey(store, {})!.key.equals(first.key)).toBe(true);
	});

	it('with PostgreSQL and no HUIFANG_SECRET_KEY, none', () => {
		expect(resolveSecretKey({ kind: 'postgres' }, {})).toBeNull();
	});
});

/** A loopback receiver that keeps what it is sent. */
function receiver() {
	const bodies: { signature: string; body: string }[] = [];
	const server: Server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			bodies.push({ signature: String(req.headers['huifang-signature']), body });
			res.end('ok');
		});
	});
	return {
		bodies,
		start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: webhook secrets at rest`, () => {
		const hook = receiver();
		let url: string;
		const saved = process.env[SECRET_KEY_ENV];
		const useKey = (key: Buffer | null) => {
			if (key) process.env[SECRET_KEY_ENV] = key.toString('base64');
			else delete process.env[SECRET_KEY_ENV];
		};
		beforeAll(async () => {
			url = await hook.start();
		});
		afterAll(async () => {
			if (saved === undefined) delete process.env[SECRET_KEY_ENV];
			else process.env[SECRET_KEY_ENV] = saved;
			await hook.stop();
		});

		it('migration 0062 seals the secrets stored in clear; deliveries still sign with the same secret', async () => {
			const db = await dialect.open();
			try {
				await migrateTo(db, '0061_webhooks');
				const admin = await makeUser(db, 'admin');
				await sql`insert into webhook_subscriptions (url, events, secret, created_by) values (${url}, ${sql.raw("array['case.created']")}, 'whsec_old_clear', ${admin})`.execute(db);
				if (dialect.name === 'postgres') {
					useKey(null);
					await expect(migrateToLatest(db)).rejects.toThrow(/0062.*1 webhook secret\(s\) must be encrypted.*HUIFANG_SECRET_KEY/s);
					expect((await db.selectFrom('webhook_subscriptions').select('secret').executeTakeFirstOrThrow()).secret).toBe('whsec_old_clear');
				}
				useKey(KEY);
				await migrateToLatest(db);
				const stored = (await db.selectFrom('webhook_subscriptions').select('secret').executeTakeFirstOrThrow()).secret;
				expect(isSealed(stored)).toBe(true);
				expect(stored).not.toContain('whsec_old_clear');
				expect(unseal(stored, KEY, WEBHOOK_SECRET_PURPOSE)).toBe('whsec_old_clear');

				await setPrivateTargetsAllowed(db, true);
				const now = new Date();
				await db.transaction().execute((trx) => emitEvent(trx, 'case.created', { caseId: 'c-1' }, now));
				expect(await deliverWebhooks(db, now)).toMatchObject({ delivered: 1 });
				const got = hook.bodies.at(-1)!;
				expect(verifySignature('whsec_old_clear', got.signature, got.body, Math.floor(now.getTime() / 1000))).toBe(true);

				// The schema itself refuses a secret in clear from now on.
				await expect(
					sql`insert into webhook_subscriptions (url, events, secret) values (${url}, ${sql.raw("array['case.created']")}, 'whsec_plain')`.execute(db)
				).rejects.toThrow(/webhook_secret_sealed/);
			} finally {
				await db.destroy();
			}
		});

		it('a new subscription is stored sealed and its shown secret verifies; another key fails the delivery with the reason', async () => {
			const db = await dialect.open();
			try {
				useKey(KEY);
				const admin = await makeUser(db, 'admin');
				await setPrivateTargetsAllowed(db, true);
				const created = await createSubscription(db, { url, events: ['case.updated'] }, admin);
				if (!created.ok) throw new Error('not created');
				const stored = (await db.selectFrom('webhook_subscriptions').select('secret').where('id', '=', created.id).executeTakeFirstOrThrow()).secret;
				expect(stored).toMatch(/^enc:v1:/);
				expect(stored).not.toContain(created.secret);
				const dump = JSON.stringify(await db.selectFrom('webhook_subscriptions').selectAll().execute());
				expect(dump).not.toContain(created.secret);

				const now = new Date();
				await db.transaction().execute((trx) => emitEvent(trx, 'case.updated', { caseId: 'c-2' }, now));
				expect(await deliverWebhooks(db, now)).toMatchObject({ delivered: 1 });
				const got = hook.bodies.at(-1)!;
				expect(verifySignature(created.secret, got.signature, got.body, Math.floor(now.getTime() / 1000))).toBe(true);

				useKey(OTHER_KEY);
				const later = new Date(now.getTime() + 1000);
				const before = hook.bodies.length;
				await db.transaction().execute((trx) => emitEvent(trx, 'case.updated', { caseId: 'c-3' }, later));
				expect(await deliverWebhooks(db, later)).toMatchObject({ delivered: 0, retrying: 1 });
				expect(hook.bodies).toHaveLength(before);
				const pending = await db.selectFrom('webhook_deliveries').select(['state', 'last_error']).where('state', '=', 'pending').executeTakeFirstOrThrow();
				expect(pending.last_error).toBe(`secret key: sealed under secret key ${keyId(KEY)}, but the key in use is ${keyId(OTHER_KEY)}`);

				if (dialect.name === 'postgres') {
					useKey(null);
					expect(await createSubscription(db, { url, events: ['case.updated'] }, admin)).toEqual({ ok: false, errors: { key: 'api_webhook_key_missing' } });
				}
			} finally {
				await db.destroy();
			}
		});
	});
}
