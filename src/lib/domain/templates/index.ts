import { carDealerAftersales } from './car-dealer-aftersales';
import type { Template } from './template';

export type { Template } from './template';

export const TEMPLATES: readonly Template[] = [carDealerAftersales];

export function findTemplate(id: string): Template | undefined {
	return TEMPLATES.find((t) => t.id === id);
}
