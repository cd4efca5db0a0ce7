import type { Localized } from '../locale';
import type { Definition } from './definition';

/** Marks a file as a Huifang questionnaire, and which revision of the format it follows. */
export const INTERCHANGE_FORMAT = 'huifang.questionnaire/1';

export interface Interchange {
	format: typeof INTERCHANGE_FORMAT;
	title: Localized;
	industry: string;
	definition: Definition;
}

/** A questionnaire as the documented JSON interchange format. */
export function toInterchange(q: { title: Localized; industry: string; definition: Definition }): Interchange {
	return { format: INTERCHANGE_FORMAT, title: q.title, industry: q.industry, definition: q.definition };
}
