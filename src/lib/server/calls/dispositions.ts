import type { Selectable } from 'kysely';
import type { Db } from '../db';
import type { DispositionsTable } from '../db/types';
import type { Conn } from './conn';
import type { Disposition, DispositionForm } from '../../domain/calls/dispositions';

const toDisposition = (r: Selectable<DispositionsTable>): Disposition => ({
	key: r.key,
	labelZh: r.label_zh,
	labelEn: r.label_en,
	aaporGroup: r.aapor_group,
	aaporCode: r.aapor_code,
	final: r.final,
	contacted: r.contacted,
	countsAttempt: r.counts_attempt,
	setsDnc: r.sets_dnc,
	noteRequired: r.note_required,
	retryMinutes: r.retry_minutes,
	effect: r.effect,
	system: r.system,
	sort: r.sort
});

/** Every disposition in the order agents see them (system ones last). */
export async function listDispositions(db: Conn): Promise<Disposition[]> {
	const rows = await db.selectFrom('dispositions').selectAll().orderBy('system').orderBy('sort').orderBy('key').execute();
	return rows.map(toDisposition);
}

export async function dispositionByKey(db: Conn, key: string): Promise<Disposition | null> {
	const row = await db.selectFrom('dispositions').selectAll().where('key', '=', key).executeTakeFirst();
	return row ? toDisposition(row) : null;
}

export type SaveDispositionResult = { ok: true } | { ok: false; error: 'system' };

/**
 * Creates or updates a disposition. System dispositions (a released claim) are the
 * application's own and stay as they are; their key cannot be taken by a new one.
 */
export async function saveDisposition(db: Db, f: DispositionForm): Promise<SaveDispositionResult> {
	return db.transaction().execute(async (trx) => {
		const existing = await trx.selectFrom('dispositions').select('system').where('key', '=', f.key).forUpdate().executeTakeFirst();
		if (existing?.system) return { ok: false, error: 'system' };
		const values = {
			label_zh: f.labelZh,
			label_en: f.labelEn,
			aapor_group: f.aaporGroup,
			aapor_code: f.aaporCode,
			final: f.final,
			contacted: f.contacted,
			counts_attempt: f.countsAttempt,
			sets_dnc: f.setsDnc,
			note_required: f.noteRequired,
			retry_minutes: f.retryMinutes,
			effect: f.effect,
			sort: f.sort
		};
		await trx
			.insertInto('dispositions')
			.values({ key: f.key, ...values })
			.onConflict((oc) => oc.column('key').doUpdateSet(values))
			.execute();
		return { ok: true };
	});
}
