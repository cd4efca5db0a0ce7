/**
 * Bulk data for the analytics bench, written by SQL (a million responses through the
 * submit path would take hours): a 4S questionnaire with two versions, 20 agents,
 * 12 monthly campaigns, 20,000 contacts (4 tiers, 2 industries, 8 stores) and
 * responses over 365 days, 40 % by phone (a campaign calls a customer once). The rollups
 * are then rebuilt, as a backfill would.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/lib/server/db/index';
import { createFromTemplate, latestVersion, publish } from '../../src/lib/server/questionnaires/service';
import { carDealerAftersales } from '../../src/lib/domain/templates/car-dealer-aftersales';
import { rebuildRollups } from '../../src/lib/server/analytics/rollups';

export interface BenchData {
	questionnaireId: string;
	versions: string[];
	campaigns: string[];
	agents: string[];
}

export async function benchSlices(db: Db): Promise<BenchData> {
	const questionnaireId = (await createFromTemplate(db, carDealerAftersales.id, 'zh-CN', null))!;
	await publish(db, questionnaireId, null);
	const v1 = (await latestVersion(db, questionnaireId))!.versionId;
	await publish(db, questionnaireId, null);
	const v2 = (await latestVersion(db, questionnaireId))!.versionId;
	const agents = await db
		.insertInto('users')
		.values(Array.from({ length: 20 }, (_, i) => ({ username: `bench_agent_${i}`, display_name: `坐席 ${i}`, password_hash: 'x', role: 'agent' as const, agent_code: String(8000 + i) })))
		.returning('id')
		.execute();
	const campaigns = await db
		.insertInto('campaigns')
		.values(Array.from({ length: 12 }, (_, i) => ({ name: `月度回访 ${i + 1}`, questionnaire_id: questionnaireId, version_id: v1, delay_days: 7, sample_percent: 100, sample_seed: 'b', channel: 'link' as const })))
		.returning('id')
		.execute();
	await sql`
		insert into contacts (name, phone, tier, industry, attributes)
		select '客户' || i, '+86136' || lpad(i::text, 8, '0'), (array['A','B','C','D'])[1 + i % 4],
			case when i % 10 = 0 then 'fleet' else 'auto' end, jsonb_build_object('store', '门店' || (i % 8))
		from generate_series(1, 20000) i`.execute(db);
	return { questionnaireId, versions: [v1, v2], campaigns: campaigns.map((c) => c.id), agents: agents.map((a) => a.id) };
}

/** Adds `count` responses with their answers, then rebuilds the rollups. */
export async function addResponses(db: Db, d: BenchData, count: number, now: Date): Promise<void> {
	const batch = 100_000;
	for (let done = 0; done < count; done += batch) {
		const n = Math.min(batch, count - done);
		await db.transaction().execute(async (trx) => {
			await sql`create temporary table bench_new on commit drop as
				with g as (
					select gen_random_uuid() as id, floor(random() * 365)::int as age, random() as ch, random() as r1, random() as r2, random() as r3
					from generate_series(1, ${n})
				)
				select g.*, ${now}::timestamptz - make_interval(days => g.age, secs => floor(r3 * 86000)::int) as submitted_at,
					ch < 0.4 as phone,
					case when r2 < 0.8 then cs.ids[1 + floor(r3 * array_length(cs.ids, 1))::int] end as contact_id,
					case when r2 < 0.8 then (${sql.val(d.campaigns)}::uuid[])[1 + (age / 31) % 12] end as campaign_id
				from g cross join (select array_agg(id) as ids from contacts) cs`.execute(trx);
			// A campaign calls each customer once (a unique index says so): a second phone
			// interview of the same pair is stored outside the campaign.
			await sql`
				update bench_new b set campaign_id = null
				from (select id, row_number() over (partition by campaign_id, contact_id order by id) as k from bench_new where phone and campaign_id is not null) d
				where d.id = b.id and (d.k > 1 or exists (
					select 1 from responses r where r.channel = 'phone' and r.campaign_id = b.campaign_id and r.contact_id = b.contact_id))`.execute(trx);
			await sql`
				insert into responses (id, questionnaire_id, version_id, channel, submission_id, agent_id, status, started_at, submitted_at, contact_id, campaign_id)
				select b.id, ${d.questionnaireId}::uuid,
					case when b.age > 180 then ${d.versions[0]}::uuid else ${d.versions[1]}::uuid end,
					case when b.phone then 'phone' else 'web' end, gen_random_uuid(),
					case when b.phone then (${sql.val(d.agents)}::uuid[])[1 + floor(b.r1 * 20)::int] end,
					case when b.phone and b.r2 < 0.05 then 'partial' else 'completed' end,
					b.submitted_at - interval '3 minutes', b.submitted_at, b.contact_id, b.campaign_id
				from bench_new b`.execute(trx);
			await sql`
				insert into answers (response_id, question_id, yes_no, number, text)
				select b.id, q.id,
					case when q.kind = 'key' then random() > q.no_chance end,
					case when q.kind = 'rating' then 1 + floor(random() * 5)::int when q.kind = 'nps' then floor(random() * 11)::int end,
					case when q.kind = 'text' then (array['等待时间太长了','师傅很专业，讲解清楚','希望周末也能预约','收费比预期高'])[1 + floor(random() * 4)::int] end
				from bench_new b
				cross join (values ('received_promptly','key',0.3), ('charges_explained','key',0.08), ('fixed_first_time','key',0.14),
					('delivered_on_time','key',0.3), ('parts_in_stock','key',0.03), ('staff_courteous','key',0.05),
					('overall_satisfaction','rating',0), ('recommend','nps',0), ('comment','text',0)) q(id, kind, no_chance)
				where q.kind <> 'text' or b.r1 < 0.2`.execute(trx);
		});
	}
	await sql`analyze`.execute(db);
	await rebuildRollups(db, d.questionnaireId, 'Asia/Shanghai');
	await sql`analyze analytics_rollups`.execute(db);
	await sql`analyze analytics_score_rollups`.execute(db);
}
