import { sql, type Transaction } from 'kysely';
import type { Db } from '../db';
import type { Database } from '../db/types';
import { isUniqueViolation } from '../db/errors';
import { decodeCsv, parseCsv, type CsvRow } from './csv';
import { guessMapping, validateMapping, type ColumnTarget } from '../../domain/contacts/fields';
import { mergeContact, newContact, readRow, type ContactRow, type Rejection } from '../../domain/contacts/import-row';
import { log } from '../log';
import { recordJobFailure } from '../metrics';
import { stopContacting } from './do-not-contact';

/** Rows written per transaction: small enough that other users' queries interleave, large enough to be quick. */
export const BATCH_SIZE = 1000;
/** A running import whose worker has not reported for this long is taken over by the next page view. */
const STALE_AFTER_MS = 30_000;

type Trx = Transaction<Database>;

/** Stores an uploaded file as a new import waiting for its column mapping. */
export async function createImport(
	db: Db,
	upload: { userId: string; fileName: string; bytes: Uint8Array }
): Promise<{ ok: true; id: string } | { ok: false; error: string; line?: number }> {
	const decoded = decodeCsv(upload.bytes);
	if (!decoded.ok) return decoded;
	const parsed = parseCsv(decoded.text);
	if (!parsed.ok) return parsed;
	if (parsed.rows.length === 0) return { ok: false, error: 'contacts_file_no_rows' };
	const row = await db
		.insertInto('contact_imports')
		.values({
			created_by: upload.userId,
			file_name: upload.fileName.slice(0, 200),
			encoding: decoded.encoding,
			source: decoded.text,
			headers: JSON.stringify(parsed.headers),
			total: parsed.rows.length
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { ok: true, id: row.id };
}

export async function getImport(db: Db, id: string) {
	const job = await db
		.selectFrom('contact_imports')
		.select(['id', 'file_name', 'encoding', 'headers', 'mapping', 'status', 'total', 'processed', 'created', 'merged', 'rejected', 'report', 'heartbeat_at', 'created_at'])
		.where('id', '=', id)
		.executeTakeFirst();
	return job ?? null;
}

/** The first rows of a waiting import, to show beside the mapping. */
export async function importPreview(db: Db, id: string, rows = 3): Promise<string[][]> {
	const job = await db.selectFrom('contact_imports').select('source').where('id', '=', id).executeTakeFirst();
	if (!job?.source) return [];
	const parsed = parseCsv(job.source.split(/\r?\n/).slice(0, 200).join('\n'));
	return parsed.ok ? parsed.rows.slice(0, rows).map((r) => r.cells) : [];
}

export { guessMapping };

export const encodeTarget = (t: ColumnTarget) => (t.kind === 'ignore' ? 'ignore' : t.kind === 'field' ? t.field : `attr:${t.key}`);
export function decodeTarget(s: string): ColumnTarget {
	if (s === 'ignore') return { kind: 'ignore' };
	if (s.startsWith('attr:')) return { kind: 'attribute', key: s.slice(5) };
	return { kind: 'field', field: s as never };
}

/**
 * Saves the mapping and starts the import (status running). Refused when the
 * mapping is incomplete or the import is no longer waiting for one.
 */
export async function startImport(
	db: Db,
	id: string,
	targets: ColumnTarget[]
): Promise<{ ok: true } | { ok: false; errors: Record<string, string> }> {
	const valid = validateMapping(targets);
	if (!valid.ok) return valid;
	const updated = await db
		.updateTable('contact_imports')
		.set({ mapping: JSON.stringify(targets.map(encodeTarget)), status: 'running', heartbeat_at: new Date() })
		.where('id', '=', id)
		.where('status', '=', 'mapping')
		.where(sql<boolean>`jsonb_array_length(headers) = ${targets.length}`)
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) !== 1) return { ok: false, errors: { form: 'contacts_import_not_waiting' } };
	return { ok: true };
}

interface Existing extends ContactRow {
	id: string | null;
	ownerId: string | null;
	dirty: boolean;
}

/** The contact columns of a row, for insert or update. */
function columns(c: Existing) {
	return {
		name: c.name,
		phone: c.phone,
		email: c.email,
		external_id: c.externalId,
		tier: c.tier,
		industry: c.industry,
		product: c.product,
		event_date: c.eventDate,
		owner_id: c.ownerId,
		do_not_contact: c.doNotContact === true,
		dnc_reason: c.dncReason,
		time_zone: c.timeZone,
		attributes: JSON.stringify(c.attributes)
	};
}

/**
 * Applies one batch inside the caller's transaction: validates every row, merges
 * duplicates (same phone or external id, in the file or already stored), inserts
 * the new contacts in one statement. Returns the counts and rejections.
 */
export async function applyBatch(trx: Trx, rows: CsvRow[], targets: ColumnTarget[], owners: Map<string, string>) {
	const rejections: Rejection[] = [];
	const valid: { line: number; contact: ContactRow; ownerId: string | null }[] = [];
	for (const row of rows) {
		const result = readRow(targets, row.cells);
		if (!result.ok) {
			rejections.push({ row: row.line, reason: result.reason, ...(result.value !== undefined ? { value: result.value.slice(0, 80) } : {}) });
			continue;
		}
		let ownerId: string | null = null;
		if (result.contact.owner) {
			ownerId = owners.get(result.contact.owner.toLowerCase()) ?? null;
			if (!ownerId) {
				rejections.push({ row: row.line, reason: 'contacts_reject_owner', value: result.contact.owner.slice(0, 80) });
				continue;
			}
		}
		valid.push({ line: row.line, contact: result.contact, ownerId });
	}

	const phones = [...new Set(valid.map((v) => v.contact.phone).filter((p): p is string => !!p))];
	const externalIds = [...new Set(valid.map((v) => v.contact.externalId).filter((p): p is string => !!p))];
	const stored =
		phones.length + externalIds.length === 0
			? []
			: await trx
					.selectFrom('contacts')
					.select(['id', 'name', 'phone', 'email', 'external_id', 'tier', 'industry', 'product', 'owner_id', 'do_not_contact', 'dnc_reason', 'time_zone', 'attributes'])
					.select(sql<string | null>`event_date::text`.as('event_date'))
					.where((eb) =>
						eb.or([
							...(phones.length ? [eb('phone', 'in', phones)] : []),
							...(externalIds.length ? [eb('external_id', 'in', externalIds)] : [])
						])
					)
					.forUpdate()
					.execute();
	const byPhone = new Map<string, Existing>();
	const byExternal = new Map<string, Existing>();
	const remember = (c: Existing) => {
		if (c.phone) byPhone.set(c.phone, c);
		if (c.externalId) byExternal.set(c.externalId, c);
	};
	const wasDoNotContact = new Set(stored.filter((s) => s.do_not_contact).map((s) => s.id));
	for (const s of stored) {
		remember({
			id: s.id,
			name: s.name,
			phone: s.phone,
			email: s.email,
			externalId: s.external_id,
			tier: s.tier,
			industry: s.industry,
			product: s.product,
			eventDate: s.event_date,
			owner: null,
			ownerId: s.owner_id,
			doNotContact: s.do_not_contact ? true : null,
			dncReason: s.dnc_reason,
			timeZone: s.time_zone,
			attributes: s.attributes,
			dirty: false
		});
	}

	let created = 0;
	let merged = 0;
	const fresh: Existing[] = [];
	for (const { line, contact, ownerId } of valid) {
		const a = contact.phone ? byPhone.get(contact.phone) : undefined;
		const b = contact.externalId ? byExternal.get(contact.externalId) : undefined;
		if (a && b && a !== b) {
			rejections.push({ row: line, reason: 'contacts_reject_conflict', value: `${contact.phone} / ${contact.externalId}` });
			continue;
		}
		const target = a ?? b;
		if (target) {
			const next = mergeContact(target, contact);
			if (target.phone && target.phone !== next.phone) byPhone.delete(target.phone);
			if (target.externalId && target.externalId !== next.externalId) byExternal.delete(target.externalId);
			Object.assign(target, next, { ownerId: ownerId ?? target.ownerId, dirty: true });
			remember(target);
			merged++;
		} else {
			const c: Existing = { ...newContact(contact), id: null, ownerId, dirty: false };
			remember(c);
			fresh.push(c);
			created++;
		}
	}

	for (let i = 0; i < fresh.length; i += 500) {
		await trx.insertInto('contacts').values(fresh.slice(i, i + 500).map(columns)).execute();
	}
	const now = new Date();
	const nowDoNotContact: string[] = [];
	for (const c of new Set([...byPhone.values(), ...byExternal.values()])) {
		if (!c.id || !c.dirty) continue;
		await trx.updateTable('contacts').set({ ...columns(c), updated_at: now }).where('id', '=', c.id).execute();
		if (c.doNotContact && !wasDoNotContact.has(c.id)) nowDoNotContact.push(c.id);
	}
	await stopContacting(trx, nowDoNotContact);
	return { created, merged, rejections };
}

/** Users an owner cell may name: by agent code (工号) or username, case-insensitive. */
async function ownerIndex(db: Db): Promise<Map<string, string>> {
	const users = await db.selectFrom('users').select(['id', 'username', 'agent_code']).where('disabled_at', 'is', null).execute();
	const index = new Map<string, string>();
	for (const u of users) {
		index.set(u.username.toLowerCase(), u.id);
		if (u.agent_code) index.set(u.agent_code.toLowerCase(), u.id);
	}
	return index;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Works through a running import batch by batch. Each batch is one transaction
 * that also advances the job's counters under a row lock, so a batch is written
 * entirely or not at all, and two workers (two app processes) never apply the
 * same rows twice. Between batches the event loop is yielded to other requests.
 */
export async function runImport(db: Db, id: string): Promise<void> {
	const job = await db.selectFrom('contact_imports').select(['source', 'mapping', 'status']).where('id', '=', id).executeTakeFirst();
	if (!job || job.status !== 'running' || !job.source || !job.mapping) return;
	const parsed = parseCsv(job.source);
	if (!parsed.ok) {
		await db.updateTable('contact_imports').set({ status: 'failed', finished_at: new Date() }).where('id', '=', id).execute();
		return;
	}
	const targets = job.mapping.map(decodeTarget);
	const owners = await ownerIndex(db);
	let attempts = 0;
	for (;;) {
		let finished: boolean;
		try {
			finished = await db.transaction().execute(async (trx) => {
				const current = await trx
					.selectFrom('contact_imports')
					.select(['status', 'processed'])
					.where('id', '=', id)
					.forUpdate()
					.executeTakeFirst();
				if (!current || current.status !== 'running') return true;
				if (current.processed >= parsed.rows.length) {
					await trx
						.updateTable('contact_imports')
						.set({ status: 'done', finished_at: new Date(), source: null, heartbeat_at: new Date() })
						.where('id', '=', id)
						.execute();
					return true;
				}
				const batch = parsed.rows.slice(current.processed, current.processed + BATCH_SIZE);
				const result = await applyBatch(trx, batch, targets, owners);
				await trx
					.updateTable('contact_imports')
					.set((eb) => ({
						processed: current.processed + batch.length,
						created: eb('created', '+', result.created),
						merged: eb('merged', '+', result.merged),
						rejected: eb('rejected', '+', result.rejections.length),
						report: sql`report || ${JSON.stringify(result.rejections)}::jsonb`,
						heartbeat_at: new Date()
					}))
					.where('id', '=', id)
					.execute();
				return false;
			});
			attempts = 0;
		} catch (e) {
			// Someone else wrote the same phone or external id meanwhile: the batch rolled back; read it again.
			if (isUniqueViolation(e) && ++attempts < 5) continue;
			log('error', 'contact_import_failed', { importId: id, error: String(e) });
			recordJobFailure('contact_import');
			await db.updateTable('contact_imports').set({ status: 'failed', finished_at: new Date() }).where('id', '=', id).execute();
			return;
		}
		if (finished) return;
		await pause();
	}
}

/** Starts the worker in the background of this process (the request does not wait for it). */
export function launchImport(db: Db, id: string): void {
	void runImport(db, id).catch((e) => {
		log('error', 'contact_import_crashed', { importId: id, error: String(e) });
		recordJobFailure('contact_import');
	});
}

/**
 * A running import whose worker stopped reporting (its process ended) is claimed
 * by whoever looks at it next; the claim is one atomic update, so only one process resumes it.
 */
export async function resumeIfStale(db: Db, id: string): Promise<boolean> {
	const claimed = await db
		.updateTable('contact_imports')
		.set({ heartbeat_at: new Date() })
		.where('id', '=', id)
		.where('status', '=', 'running')
		.where('heartbeat_at', '<', new Date(Date.now() - STALE_AFTER_MS))
		.executeTakeFirst();
	if (Number(claimed.numUpdatedRows) !== 1) return false;
	launchImport(db, id);
	return true;
}

export function listImports(db: Db, limit = 10) {
	return db
		.selectFrom('contact_imports')
		.select(['id', 'file_name', 'status', 'total', 'processed', 'created', 'merged', 'rejected', 'created_at'])
		.orderBy('created_at', 'desc')
		.limit(limit)
		.execute();
}
