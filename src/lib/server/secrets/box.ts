import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest: AES-256-GCM with a fresh 96-bit nonce per value. A sealed value
 * reads `enc:v1:<key id>:<nonce>:<ciphertext+tag>` (base64url); the key id (8 hex of
 * the key's SHA-256) tells a wrong key apart from tampering. `purpose` is bound in as
 * associated data, so a value sealed for one column cannot be passed off in another.
 */
const PREFIX = 'enc:v1:';
const TAG_BYTES = 16;

export class SecretKeyError extends Error {}

export const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

export const isSealed = (value: string) => value.startsWith(PREFIX);

export function seal(plain: string, key: Buffer, purpose: string): string {
	const nonce = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	cipher.setAAD(Buffer.from(purpose));
	const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
	return `${PREFIX}${keyId(key)}:${nonce.toString('base64url')}:${body.toString('base64url')}`;
}

export function unseal(sealed: string, key: Buffer, purpose: string): string {
	const [id, nonce, body] = sealed.slice(PREFIX.length).split(':');
	if (!isSealed(sealed) || !id || !nonce || !body) throw new SecretKeyError('not a sealed secret');
	if (id !== keyId(key)) throw new SecretKeyError(`sealed under secret key ${id}, but the key in use is ${keyId(key)}`);
	const bytes = Buffer.from(body, 'base64url');
	const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
	decipher.setAAD(Buffer.from(purpose));
	decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
	try {
		return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
	} catch {
		throw new SecretKeyError('sealed secret was altered');
	}
}

/** A 32-byte key written as 64 hex digits or as base64 (standard or URL-safe); `source` names it in the error. */
export function parseKey(text: string, source = 'HUIFANG_SECRET_KEY'): Buffer {
	const t = text.trim();
	const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : null;
	if (!key || key.length !== 32) throw new SecretKeyError(`${source} must be 32 bytes, written as 64 hex digits or as base64 (openssl rand -base64 32)`);
	return key;
}
