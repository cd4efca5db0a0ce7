import { sql } from 'kysely';
import type { Db } from '../db';
import type { AaporGroup } from '../../domain/calls/dispositions';
import type { DispositionCounts } from '../../domain/calls/aapor';

export type GroupCounts = DispositionCounts & { NE: number };
export const emptyCounts = (): GroupCounts => ({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });

/**
 * Every callback of a campaign in one AAPOR group: its final disposition's, or
 * for a callback still open the group of its last call (a released call aside).
 * A callback answered through its link counts as I (or P when answered in part).
 * Callbacks enrolled but never called count as UH: leaving them out would
 * inflate the rates. Each is credited to the agent of its last call (null: none).
 */
export async function dispositionGroups(db: Db, campaignId: string): Promise<{ group: AaporGroup; agentId: string | null; n: number }[]> {
	const { rows } = await sql<{ grp: AaporGroup; agent_id: string | null; n: string }>`
		select grp, agent_id, count(*) as n from (
			select coalesce(
					fd.aapor_group,
					case when cc.status = 'responded' then 'I' when cc.status = 'partial' then 'P' end,
					ld.aapor_group,
					'UH') as grp,
				last.agent_id
			from campaign_contacts cc
			left join dispositions fd on fd.key = cc.final_disposition
			left join lateral (
				select calls.agent_id, calls.outcome from calls
				where calls.campaign_contact_id = cc.id and calls.outcome is not null and calls.released_at is null
				order by calls.ended_at desc nulls last, calls.id limit 1) last on true
			left join dispositions ld on ld.key = last.outcome
			where cc.campaign_id = ${campaignId}) g
		group by grp, agent_id`.execute(db);
	return rows.map((r) => ({ group: r.grp, agentId: r.agent_id, n: Number(r.n) }));
}

export interface RatesReport {
	total: GroupCounts;
	agents: { agentId: string | null; agentCode: string | null; name: string | null; counts: GroupCounts }[];
}

/** Counts by final disposition group for the campaign and for each agent (the agents add up to the total). */
export async function ratesReport(db: Db, campaignId: string): Promise<RatesReport> {
	const groups = await dispositionGroups(db, campaignId);
	const total = emptyCounts();
	const byAgent = new Map<string | null, GroupCounts>();
	for (const g of groups) {
		total[g.group] += g.n;
		const c = byAgent.get(g.agentId) ?? emptyCounts();
		c[g.group] += g.n;
		byAgent.set(g.agentId, c);
	}
	const ids = [...byAgent.keys()].filter((id): id is string => id !== null);
	const users = ids.length
		? await db.selectFrom('users').select(['id', 'agent_code', 'display_name']).where('id', 'in', ids).execute()
		: [];
	const agents = [...byAgent.entries()]
		.map(([agentId, counts]) => {
			const u = users.find((x) => x.id === agentId);
			return { agentId, agentCode: u?.agent_code ?? null, name: u?.display_name ?? null, counts };
		})
		.sort((a, b) => (a.agentId === null ? 1 : b.agentId === null ? -1 : (a.agentCode ?? '').localeCompare(b.agentCode ?? '')));
	return { total, agents };
}

/** Campaigns a report can be asked for, newest first. */
export function reportCampaigns(db: Db) {
	return db.selectFrom('campaigns').select(['id', 'name', 'status']).where('status', '!=', 'draft').orderBy('created_at', 'desc').execute();
}
