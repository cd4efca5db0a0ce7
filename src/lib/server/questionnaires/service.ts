import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import {
	definitionSchema,
	draftSchema,
	publishProblems,
	type Definition,
	type PublishProblem
} from '../../domain/questionnaire/definition';
import { findTemplate } from '../../domain/templates';
import { blankDefinition } from '../../domain/questionnaire/builder';
import { localize, type Locale } from '../../domain/locale';
import { toInterchange, type Interchange } from '../../domain/questionnaire/interchange';
import type { OpenLinkLimits } from '../responses/open-links';
import { recordAudit } from '../audit/service';
import { immutableVersion } from './version-cache';

export class ConflictError extends Error {
	constructor() {
		super('the draft was changed by someone else');
	}
}

/** 12 characters of base32: short enough to read out, 60 bits so links cannot be guessed. */
function newSlug(): string {
	const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';
	return Array.from(randomBytes(12), (b) => alphabet[b % alphabet.length]).join('');
}

/** A new questionnaire whose draft is `definition`; nothing is published yet. */
async function insertDraft(
	db: Db,
	q: { title: string; industry: string; templateId: string | null; definition: Definition; userId: string | null }
): Promise<string> {
	const row = await db
		.insertInto('questionnaires')
		.values({
			title: q.title,
			industry: q.industry,
			template_id: q.templateId,
			draft: JSON.stringify(q.definition),
			slug: newSlug(),
			created_by: q.userId
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function createFromTemplate(
	db: Db,
	templateId: string,
	locale: Locale,
	userId: string | null
): Promise<string | null> {
	const template = findTemplate(templateId);
	if (!template) return null;
	return insertDraft(db, {
		title: localize(template.title, locale),
		industry: template.industry,
		templateId: template.id,
		definition: template.definition,
		userId
	});
}

/** An empty questionnaire to build from scratch: a greeting and thanks to reword, no questions yet. */
export function createBlank(db: Db, title: string, userId: string | null): Promise<string> {
	return insertDraft(db, { title, industry: 'general', templateId: null, definition: blankDefinition(), userId });
}

/** A questionnaire read from an interchange file (already validated) becomes a new draft. */
export function importQuestionnaire(db: Db, file: Interchange, locale: Locale, userId: string): Promise<string> {
	return insertDraft(db, {
		title: localize(file.title, locale).slice(0, 200),
		industry: file.industry,
		templateId: null,
		definition: file.definition,
		userId
	});
}

/** The draft in the interchange format, for download. */
export async function exportQuestionnaire(db: Db, id: string): Promise<{ slug: string; file: Interchange } | null> {
	const q = await getQuestionnaire(db, id);
	if (!q) return null;
	const title = { 'zh-CN': q.title, en: q.title };
	return { slug: q.slug, file: toInterchange({ title, industry: q.industry, definition: q.draft }) };
}

export const LIST_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;

export interface ListFilter {
	search?: string | null;
	industry?: string | null;
	status?: (typeof LIST_STATUSES)[number] | null;
}

/** Questionnaires matching a title search, industry and status; archived ones only when asked for. */
export function listQuestionnaires(db: Db, filter: ListFilter = {}) {
	let query = db.selectFrom('questionnaires as q');
	if (filter.search) {
		const escaped = filter.search.replace(/[\\%_]/g, (c) => `\\${c}`);
		query = query.where('q.title', 'ilike', `%${escaped}%`);
	}
	if (filter.industry) query = query.where('q.industry', '=', filter.industry);
	query = filter.status ? query.where('q.status', '=', filter.status) : query.where('q.status', '!=', 'archived');
	return query
		.select([
			'q.id',
			'q.title',
			'q.industry',
			'q.status',
			'q.slug',
			'q.updated_at',
			(eb) =>
				eb
					.selectFrom('questionnaire_versions as v')
					.whereRef('v.questionnaire_id', '=', 'q.id')
					.select((e) => e.fn.max('v.number').as('n'))
					.as('latest_version'),
			(eb) =>
				eb
					.selectFrom('responses as r')
					.whereRef('r.questionnaire_id', '=', 'q.id')
					.where('r.status', '!=', 'in_progress')
					.select((e) => e.fn.countAll<string>().as('n'))
					.as('response_count')
		])
		.orderBy('q.updated_at', 'desc')
		.execute();
}

export async function getQuestionnaire(db: Db, id: string) {
	const q = await db.selectFrom('questionnaires').selectAll().where('id', '=', id).executeTakeFirst();
	if (!q) return null;
	const versions = await db
		.selectFrom('questionnaire_versions')
		.select(['id', 'number', 'published_at', 'definition'])
		.where('questionnaire_id', '=', id)
		.orderBy('number', 'desc')
		.execute();
	return {
		...q,
		draft: draftSchema.parse(q.draft),
		versions: versions.map((v) => ({ ...v, definition: definitionSchema.parse(v.definition) }))
	};
}

/** Saves a draft only if nobody saved since `revision` was read; otherwise ConflictError. */
export async function saveDraft(
	db: Db,
	id: string,
	revision: number,
	change: { title: string; definition: Definition }
): Promise<number> {
	const row = await db
		.updateTable('questionnaires')
		.set((eb) => ({
			title: change.title,
			draft: JSON.stringify(change.definition),
			revision: eb('revision', '+', 1),
			updated_at: new Date()
		}))
		.where('id', '=', id)
		.where('revision', '=', revision)
		.returning('revision')
		.executeTakeFirst();
	if (!row) throw new ConflictError();
	return row.revision;
}

/**
 * Freezes the draft as the next numbered version and opens the public link, unless
 * the draft has problems (unwritten texts, broken logic): then nothing changes and
 * the problems are returned. The row lock serialises concurrent publishes; the
 * unique (questionnaire, number) backs it up.
 */
export async function publish(
	db: Db,
	id: string,
	userId: string | null
): Promise<{ number: number } | { problems: PublishProblem[] } | null> {
	return db.transaction().execute(async (trx) => {
		const q = await trx
			.selectFrom('questionnaires')
			.select(['draft'])
			.where('id', '=', id)
			.forUpdate()
			.executeTakeFirst();
		if (!q) return null;
		const draft = draftSchema.parse(q.draft);
		const problems = publishProblems(draft);
		if (problems.length > 0) return { problems };
		const definition = definitionSchema.parse(draft);
		const last = await trx
			.selectFrom('questionnaire_versions')
			.select((eb) => eb.fn.max('number').as('n'))
			.where('questionnaire_id', '=', id)
			.executeTakeFirst();
		const number = Number(last?.n ?? 0) + 1;
		await trx
			.insertInto('questionnaire_versions')
			.values({ questionnaire_id: id, number, definition: JSON.stringify(definition), published_by: userId })
			.execute();
		await trx
			.updateTable('questionnaires')
			.set({ status: 'open', updated_at: new Date() })
			.where('id', '=', id)
			.execute();
		await recordAudit(trx, { actorId: userId, action: 'questionnaire_published', targetType: 'questionnaire', targetId: id, detail: { version: number } });
		return { number };
	});
}

/** Closes or reopens the public link of a published questionnaire. */
export async function setOpen(db: Db, id: string, open: boolean): Promise<boolean> {
	const result = await db
		.updateTable('questionnaires')
		.set({ status: open ? 'open' : 'closed', updated_at: new Date() })
		.where('id', '=', id)
		.where('status', 'in', ['open', 'closed'])
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/**
 * Archiving closes the link and hides the questionnaire from lists; versions and
 * responses stay. Restoring brings it back closed (or as a draft if never published).
 */
export async function setArchived(db: Db, id: string, archived: boolean): Promise<boolean> {
	const published = await db
		.selectFrom('questionnaire_versions')
		.select('id')
		.where('questionnaire_id', '=', id)
		.limit(1)
		.executeTakeFirst();
	const result = await db
		.updateTable('questionnaires')
		.set({ status: archived ? 'archived' : published ? 'closed' : 'draft', updated_at: new Date() })
		.where('id', '=', id)
		.where('status', archived ? '!=' : '=', 'archived')
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

/** A new draft with the same questions, titled with `suffix`; its versions and responses are not copied. */
export async function duplicateQuestionnaire(db: Db, id: string, suffix: string, userId: string): Promise<string | null> {
	const q = await getQuestionnaire(db, id);
	if (!q) return null;
	return insertDraft(db, {
		title: `${q.title.slice(0, 200 - suffix.length)}${suffix}`,
		industry: q.industry,
		templateId: q.template_id,
		definition: q.draft,
		userId
	});
}

export interface PublishedVersion {
	questionnaireId: string;
	versionId: string;
	number: number;
	title: string;
	definition: Definition;
}

/** A published version with its questionnaire's current title; the definition comes from the version cache. */
async function withTitle(db: Db, versionId: string, title: string): Promise<PublishedVersion | null> {
	const version = await immutableVersion(db, versionId);
	return version ? { ...version, title } : null;
}

/** The latest published version of a questionnaire, by id. */
export async function latestVersion(db: Db, questionnaireId: string): Promise<PublishedVersion | null> {
	const row = await db
		.selectFrom('questionnaire_versions as v')
		.innerJoin('questionnaires as q', 'q.id', 'v.questionnaire_id')
		.select(['v.id', 'q.title'])
		.where('v.questionnaire_id', '=', questionnaireId)
		.orderBy('v.number', 'desc')
		.limit(1)
		.executeTakeFirst();
	return row ? withTitle(db, row.id, row.title) : null;
}

export async function versionById(db: Db, versionId: string): Promise<PublishedVersion | null> {
	const version = await immutableVersion(db, versionId);
	if (!version) return null;
	const q = await db.selectFrom('questionnaires').select('title').where('id', '=', version.questionnaireId).executeTakeFirst();
	return q ? { ...version, title: q.title } : null;
}

export type PublicLookup =
	| { state: 'open'; version: PublishedVersion; limits: OpenLinkLimits }
	| { state: 'closed'; title: string }
	| { state: 'not_found' };

/**
 * What the public link /s/<slug> shows: the latest version while open, with the link's
 * limits. One query for the state (never cached: a link closes at once); the version's
 * definition comes from memory.
 */
export async function lookupBySlug(db: Db, slug: string): Promise<PublicLookup> {
	const q = await db
		.selectFrom('questionnaires as q')
		.select(['q.id', 'q.status', 'q.title', 'q.link_hourly_limit_per_ip', 'q.link_once_per_browser'])
		.select((eb) =>
			eb
				.selectFrom('questionnaire_versions as v')
				.select('v.id')
				.whereRef('v.questionnaire_id', '=', 'q.id')
				.orderBy('v.number', 'desc')
				.limit(1)
				.as('version_id')
		)
		.where('q.slug', '=', slug)
		.executeTakeFirst();
	if (!q || q.status === 'draft') return { state: 'not_found' };
	if (q.status === 'closed' || q.status === 'archived') return { state: 'closed', title: q.title };
	const version = q.version_id ? await withTitle(db, q.version_id, q.title) : null;
	const limits = { hourlyPerIp: q.link_hourly_limit_per_ip, oncePerBrowser: q.link_once_per_browser };
	return version ? { state: 'open', version, limits } : { state: 'not_found' };
}

/** Published questionnaires an agent can call for. */
export function listCallable(db: Db) {
	return db
		.selectFrom('questionnaires')
		.select(['id', 'title'])
		.where('status', '=', 'open')
		.orderBy('title')
		.execute();
}
