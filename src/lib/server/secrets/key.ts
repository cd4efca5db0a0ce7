import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backendOf, configFromEnv, type Db } from '../db/index';
import { parseKey } from './box';

/** Where the database lives, which decides where its secret key may be kept. */
export type KeyStore = { kind: 'postgres' } | { kind: 'pglite'; dataDir?: string };

export interface SecretKey {
	key: Buffer;
	origin: 'env' | 'file' | 'memory';
}

export const SECRET_KEY_ENV = 'HUIFANG_SECRET_KEY';
export const KEY_FILE_NAME = 'secret.key';

// An in-memory database (tests) lives as long as this process: so does its key.
let memoryKey: Buffer | undefined;

/**
 * The key that seals stored secrets. HUIFANG_SECRET_KEY when set. Otherwise, with
 * PGlite, a key generated once into DATA_DIR/secret.key (mode 0600), beside the data
 * it protects. On PostgreSQL without the variable there is none: app and worker
 * processes may run on several machines that share the database but no directory,
 * and a key kept on one of them would be missing (or different) on the others, or
 * gone with a rebuilt container, and every sealed secret with it.
 */
export function resolveSecretKey(store: KeyStore, env: Record<string, string | undefined> = process.env): SecretKey | null {
	const fromEnv = env[SECRET_KEY_ENV];
	if (fromEnv) return { key: parseKey(fromEnv), origin: 'env' };
	if (store.kind === 'postgres') return null;
	if (!store.dataDir) return { key: (memoryKey ??= randomBytes(32)), origin: 'memory' };
	return { key: keyFile(keyFilePath(store.dataDir)), origin: 'file' };
}

/** DATA_DIR/secret.key for PGlite in DATA_DIR/pglite. */
export const keyFilePath = (pgliteDir: string) => path.join(path.dirname(path.resolve(pgliteDir)), KEY_FILE_NAME);

function keyFile(file: string): Buffer {
	mkdirSync(path.dirname(file), { recursive: true });
	try {
		// `wx`: of two processes starting at once, one writes and both read the same key.
		writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
	}
	return parseKey(readFileSync(file, 'utf8'), file);
}

export function keyStoreOf(db: Db): KeyStore {
	const backend = backendOf(db);
	return backend.kind === 'postgres' ? { kind: 'postgres' } : { kind: 'pglite', dataDir: backend.dataDir };
}

/** The secret key of the database behind `db`; null on PostgreSQL without HUIFANG_SECRET_KEY. */
export const secretKeyFor = (db: Db, env: Record<string, string | undefined> = process.env) => resolveSecretKey(keyStoreOf(db), env);

/**
 * Migrations are handed a transaction, not the handle, so `migrateToLatest` tells them
 * which database they run on through this; outside it, the environment decides as at start-up.
 */
export const migrationKeyStore = new AsyncLocalStorage<KeyStore>();

export function keyStoreForMigration(env: Record<string, string | undefined> = process.env): KeyStore {
	const current = migrationKeyStore.getStore();
	if (current) return current;
	const config = configFromEnv(env);
	return config.kind === 'postgres' ? { kind: 'postgres' } : { kind: 'pglite', dataDir: config.dataDir };
}
