import { sql } from 'kysely';
import type { Db } from '$lib/server/db';
import { latestVersion, publish } from '$lib/server/questionnaires/service';
import { foldPendingRollups, recordInRollups } from '$lib/server/analytics/rollups';
import { FIXED_COLUMNS, type ExportLabels } from '$lib/server/analytics/export';
import { KEY_IDS, makeUser, publishedQuestionnaire } from './fixtures';

/** The slices responses can fall in: two versions, two campaigns, two agents, three contacts. */
export interface Slices {
	questionnaireId: string;
	versions: string[];
	campaigns: string[];
	agents: string[];
	contacts: { id: string; tier: string; industry: string; store: string }[];
}

export async function analyticsSlices(db: Db): Promise<Slices> {
	const { id: questionnaireId, userId } = await publishedQuestionnaire(db);
	const v1 = (await latestVersion(db, questionnaireId))!.versionId;
	await publish(db, questionnaireId, userId);
	const v2 = (await latestVersion(db, questionnaireId))!.versionId;
	const campaigns: string[] = [];
	for (const name of ['春季回访', 'Autumn']) {
		const row = await db
			.insertInto('campaigns')
			.values({ name, questionnaire_id: questionnaireId, version_id: v1, delay_days: 7, sample_percent: 100, sample_seed: 's', channel: 'link' })
			.returning('id')
			.executeTakeFirstOrThrow();
		campaigns.push(row.id);
	}
	const agents = [await makeUser(db, 'agent'), await makeUser(db, 'agent')];
	const contacts = [];
	for (const [i, c] of [
		{ tier: 'A', industry: 'auto', store: '徐汇店' },
		{ tier: 'B', industry: 'auto', store: '浦东店' },
		{ tier: 'B', industry: 'fleet', store: '徐汇店' }
	].entries()) {
		const row = await db
			.insertInto('contacts')
			.values({ name: `客户${i}`, phone: `+8613900000${i}00`, tier: c.tier, industry: c.industry, attributes: JSON.stringify({ store: c.store }) })
			.returning('id')
			.executeTakeFirstOrThrow();
		contacts.push({ id: row.id, ...c });
	}
	return { questionnaireId, versions: [v1, v2], campaigns, agents, contacts };
}

/** One generated response: indexes into the slices (-1 = none) and its answers. */
export interface GeneratedResponse {
	day: number;
	hour: number;
	phone: boolean;
	partial: boolean;
	version: number;
	campaign: number;
	agent: number;
	contact: number;
	keys: (boolean | null)[];
	rating: number | null;
	nps: number | null;
	comment: string | null;
}

/**
 * Stores a response as the submit paths do: the response, its answers and its
 * rollup counts in one transaction. Days count back from `base`.
 */
export async function storeResponse(db: Db, s: Slices, r: GeneratedResponse, base: Date): Promise<string> {
	return db.transaction().execute(async (trx) => {
		const submitted = new Date(base.getTime() - r.day * 86_400_000 + r.hour * 3_600_000);
		const contactId = r.contact >= 0 ? s.contacts[r.contact]!.id : null;
		let campaignId = r.campaign >= 0 ? s.campaigns[r.campaign]! : null;
		// A campaign interviews a contact by phone once (later calls resume that response):
		// a generated second phone interview of the pair is stored outside the campaign.
		if (r.phone && campaignId && contactId) {
			const taken = await trx
				.selectFrom('responses')
				.select('id')
				.where('channel', '=', 'phone')
				.where('campaign_id', '=', campaignId)
				.where('contact_id', '=', contactId)
				.executeTakeFirst();
			if (taken) campaignId = null;
		}
		const { id } = await trx
			.insertInto('responses')
			.values({
				questionnaire_id: s.questionnaireId,
				version_id: s.versions[r.version]!,
				channel: r.phone ? 'phone' : 'web',
				submission_id: crypto.randomUUID(),
				agent_id: r.phone && r.agent >= 0 ? s.agents[r.agent]! : null,
				status: r.partial ? 'partial' : 'completed',
				started_at: submitted,
				submitted_at: submitted,
				contact_id: contactId,
				campaign_id: campaignId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const answers = [
			...KEY_IDS.flatMap((q, i) => (r.keys[i] === null || r.keys[i] === undefined ? [] : [{ question_id: q, yes_no: r.keys[i] }])),
			...(r.rating === null ? [] : [{ question_id: 'overall_satisfaction', number: r.rating }]),
			...(r.nps === null ? [] : [{ question_id: 'recommend', number: r.nps }]),
			...(r.comment === null ? [] : [{ question_id: 'comment', text: r.comment }])
		];
		if (answers.length > 0) await trx.insertInto('answers').values(answers.map((a) => ({ response_id: id, ...a }))).execute();
		await recordInRollups(trx, id);
		return id;
	});
}

/** The rollup rows of a questionnaire in a stable order, for comparing two ways of building them. */
export async function rollupRows(db: Db, questionnaireId: string) {
	await foldPendingRollups(db);
	const { rows } = await sql<Record<string, string>>`
		select cuboid, day::text, version_id::text, channel, campaign_key, agent_key, tier, industry, status, question_id, kind, cause, value, n::text
		from analytics_rollups where questionnaire_id = ${questionnaireId}::uuid and n > 0
		order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13`.execute(db);
	return rows;
}

/** The score rollup rows of a questionnaire in a stable order. */
export async function scoreRollupRows(db: Db, questionnaireId: string) {
	const { rows } = await sql<Record<string, string>>`
		select cuboid, day::text, version_id::text, channel, campaign_key, agent_key, tier, industry, status, responses::text, key_yes::text,
			key_total::text, rating_n::text, rating_sum::text, rating_squares::text, nps_n::text, promoters::text, detractors::text
		from analytics_score_rollups where questionnaire_id = ${questionnaireId}::uuid
		order by 1, 2, 3, 4, 5, 6, 7, 8, 9`.execute(db);
	return rows;
}

/** Export labels for tests: the fixed columns named by their keys. */
export const EXPORT_LABELS: ExportLabels = {
	yes: '是',
	no: '否',
	other: '其他',
	fixed: Object.fromEntries(FIXED_COLUMNS.map((c) => [c, c])) as ExportLabels['fixed'],
	channel: { web: '链接', phone: '电话' },
	status: { completed: '完成', partial: '部分' },
	sheetResponses: 'Responses',
	sheetCodebook: 'Codebook',
	codebookHeader: ['variable', 'label', 'code', 'code label']
};
