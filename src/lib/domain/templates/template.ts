import type { Localized } from '../locale';
import type { Definition } from '../questionnaire/definition';

export interface Template {
	id: string;
	industry: string;
	title: Localized;
	definition: Definition;
}
