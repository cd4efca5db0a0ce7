import type { Db } from '../db';
import { definitionSchema, type Definition } from '../../domain/questionnaire/definition';

/** The immutable part of a published version: what a version id always means. */
export interface ImmutableVersion {
	questionnaireId: string;
	versionId: string;
	number: number;
	definition: Definition;
}

/*
 * A published version never changes (a new publish is a new row), so this cache can
 * never be stale and processes need not agree: each keeps its own. It saves a query
 * and, above all, the schema check of the definition on every respondent request.
 * Titles and open/closed state live on `questionnaires` and are always read fresh.
 */
const MAX_ENTRIES = 500;
const cache = new Map<string, ImmutableVersion>();

function remember(version: ImmutableVersion): ImmutableVersion {
	// Map keeps insertion order: re-inserting marks the entry recently used, the first is the oldest.
	cache.delete(version.versionId);
	cache.set(version.versionId, version);
	if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
	return version;
}

/** A published version by id, from memory after the first read; null for an unknown id. */
export async function immutableVersion(db: Db, versionId: string): Promise<ImmutableVersion | null> {
	const hit = cache.get(versionId);
	if (hit) return remember(hit);
	const row = await db
		.selectFrom('questionnaire_versions')
		.select(['id', 'questionnaire_id', 'number', 'definition'])
		.where('id', '=', versionId)
		.executeTakeFirst();
	if (!row) return null;
	return remember({
		questionnaireId: row.questionnaire_id,
		versionId: row.id,
		number: row.number,
		definition: definitionSchema.parse(row.definition)
	});
}

/** How many versions this process holds (for tests and metrics). */
export const cachedVersionCount = (): number => cache.size;
