import type { Db } from '../db';

export interface AppointmentRow {
	id: string;
	callbackId: string;
	name: string;
	phone: string | null;
	campaign: string;
	startsAt: string;
	endsAt: string;
	timeZone: string;
	agentId: string | null;
	agentCode: string | null;
	bookedByCode: string | null;
	missed: boolean;
}

/** Open appointments (not yet taken up by a call, not cancelled), earliest window first. */
function openAppointments(db: Db) {
	return db
		.selectFrom('appointments as a')
		.innerJoin('campaign_contacts as cc', 'cc.id', 'a.campaign_contact_id')
		.innerJoin('contacts as k', 'k.id', 'cc.contact_id')
		.innerJoin('campaigns as c', 'c.id', 'cc.campaign_id')
		.leftJoin('users as u', 'u.id', 'a.agent_id')
		.leftJoin('users as b', 'b.id', 'a.booked_by')
		.select([
			'a.id',
			'cc.id as callback_id',
			'k.name',
			'k.phone',
			'c.name as campaign',
			'a.starts_at',
			'a.ends_at',
			'a.time_zone',
			'a.agent_id',
			'u.agent_code',
			'b.agent_code as booked_by_code'
		])
		.where('a.kept_in_call', 'is', null)
		.where('a.cancelled_at', 'is', null)
		.where('cc.status', '=', 'scheduled')
		.orderBy('a.ends_at')
		.orderBy('a.id');
}

const toRow = (now: Date) => (r: Awaited<ReturnType<ReturnType<typeof openAppointments>['execute']>>[number]): AppointmentRow => ({
	id: r.id,
	callbackId: r.callback_id,
	name: r.name,
	phone: r.phone,
	campaign: r.campaign,
	startsAt: new Date(r.starts_at).toISOString(),
	endsAt: new Date(r.ends_at).toISOString(),
	timeZone: r.time_zone,
	agentId: r.agent_id,
	agentCode: r.agent_code,
	bookedByCode: r.booked_by_code,
	missed: new Date(r.ends_at) <= now
});

/** The agent's own open appointments: reserved for them, or booked by them. */
export async function myAppointments(db: Db, agentId: string, now: Date): Promise<AppointmentRow[]> {
	const rows = await openAppointments(db)
		.where((eb) => eb.or([eb('a.agent_id', '=', agentId), eb('a.booked_by', '=', agentId)]))
		.limit(100)
		.execute();
	return rows.map(toRow(now));
}

/** Every open appointment, for supervisors. */
export async function allAppointments(db: Db, now: Date): Promise<AppointmentRow[]> {
	return (await openAppointments(db).limit(500).execute()).map(toRow(now));
}

/**
 * A supervisor moves an appointment to another window and/or gives it to another
 * agent (null: any agent). The callback's due time follows. False when it is not open.
 */
export async function moveAppointment(
	db: Db,
	id: string,
	change: { startsAt: Date; endsAt: Date; agentId: string | null },
	appTodayOf: (at: Date) => string
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const a = await trx
			.selectFrom('appointments')
			.select(['campaign_contact_id'])
			.where('id', '=', id)
			.where('kept_in_call', 'is', null)
			.where('cancelled_at', 'is', null)
			.forUpdate()
			.executeTakeFirst();
		if (!a) return false;
		if (change.agentId) {
			const agent = await trx.selectFrom('users').select('id').where('id', '=', change.agentId).where('disabled_at', 'is', null).executeTakeFirst();
			if (!agent) return false;
		}
		await trx.updateTable('appointments').set({ starts_at: change.startsAt, ends_at: change.endsAt, agent_id: change.agentId }).where('id', '=', id).execute();
		await trx
			.updateTable('campaign_contacts')
			.set({ call_after: change.startsAt, phone_due_date: appTodayOf(change.startsAt) })
			.where('id', '=', a.campaign_contact_id)
			.where('status', '=', 'scheduled')
			.execute();
		return true;
	});
}

/** Agents an appointment can be given to: active users who make calls. */
export function floorAgents(db: Db) {
	return db
		.selectFrom('users')
		.select(['id', 'display_name', 'agent_code'])
		.where('disabled_at', 'is', null)
		.where('role', 'in', ['agent', 'supervisor', 'admin'])
		.where('agent_code', 'is not', null)
		.orderBy('agent_code')
		.execute();
}
