import { z } from 'zod';
import type { Question } from '../questionnaire/definition';

/** Comments shown per page, and the last page offered: deeper than this, narrow the filters or search. */
export const COMMENTS_PAGE_SIZE = 50;
export const COMMENTS_MAX_PAGE = 200;
/** The frequency view reads at most this many of the newest matching comments. */
export const FREQUENCY_COMMENT_CAP = 5000;

/** The comments page's own query fields, next to the analytics filters. */
export const commentParams = z.object({
	q: z.preprocess((v) => (v === null ? undefined : v), z.string().trim().max(100).optional()),
	page: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.coerce.number().int().min(1).max(COMMENTS_MAX_PAGE).default(1))
});

/** What kind of open answer a text is: a comment question, the "why" after an answer, or an "other" option's text. */
export type CommentKind = 'comment' | 'why' | 'other';

export function commentKind(question: Question | undefined): CommentKind {
	if (question?.kind === 'single' || question?.kind === 'multiple') return 'other';
	return question?.showIf ? 'why' : 'comment';
}

/** A case-insensitive "contains" pattern for SQL `ilike … escape '\'`: the user's % and _ are literal. */
export function containsPattern(search: string): string {
	return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
