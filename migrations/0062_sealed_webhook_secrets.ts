import { sql, type Kysely } from 'kysely';
import { isSealed, seal, unseal } from '../src/lib/server/secrets/box';
import { keyStoreForMigration, resolveSecretKey } from '../src/lib/server/secrets/key';

// Webhook signing secrets were stored in clear (0061). They are sealed with AES-256-GCM
// under the deployment's secret key (HUIFANG_SECRET_KEY, or DATA_DIR/secret.key with
// PGlite), and a CHECK keeps a clear secret from ever being stored again.
const PURPOSE = 'webhook_subscriptions.secret';

async function inTransaction(db: Kysely<unknown>, work: (trx: Kysely<unknown>) => Promise<void>) {
	// The migrator already runs each migration in a transaction where the dialect can.
	if (db.isTransaction) return work(db);
	return db.transaction().execute(work);
}

function keyFor(count: number, action: string): Buffer {
	const key = resolveSecretKey(keyStoreForMigration());
	if (!key) {
		throw new Error(
			`${count} webhook secret(s) must be ${action}, and on PostgreSQL that needs HUIFANG_SECRET_KEY: set it to 32 random bytes (openssl rand -base64 32) in the environment of every app and worker process, then start again`
		);
	}
	return key.key;
}

export async function up(db: Kysely<unknown>): Promise<void> {
	await inTransaction(db, async (trx) => {
		const { rows } = await sql<{ id: string; secret: string }>`select id, secret from webhook_subscriptions for update`.execute(trx);
		const clear = rows.filter((r) => !isSealed(r.secret));
		if (clear.length) {
			const key = keyFor(clear.length, 'encrypted');
			for (const r of clear) await sql`update webhook_subscriptions set secret = ${seal(r.secret, key, PURPOSE)} where id = ${r.id}`.execute(trx);
		}
		await sql`alter table webhook_subscriptions add constraint webhook_secret_sealed check (secret like 'enc:v1:%')`.execute(trx);
	});
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await inTransaction(db, async (trx) => {
		await sql`alter table webhook_subscriptions drop constraint webhook_secret_sealed`.execute(trx);
		const { rows } = await sql<{ id: string; secret: string }>`select id, secret from webhook_subscriptions for update`.execute(trx);
		if (rows.length === 0) return;
		const key = keyFor(rows.length, 'decrypted');
		for (const r of rows) await sql`update webhook_subscriptions set secret = ${unseal(r.secret, key, PURPOSE)} where id = ${r.id}`.execute(trx);
	});
}
