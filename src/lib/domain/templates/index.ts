import { bank } from './bank';
import { businessTravel } from './business-travel';
import { carDealerAftersales } from './car-dealer-aftersales';
import { constructionMachinery } from './construction-machinery';
import { creditCard } from './credit-card';
import { durableGoods } from './durable-goods';
import { electronics } from './electronics';
import { fmcgRetail } from './fmcg-retail';
import { fundSecurities } from './fund-securities';
import { governmentProcurement } from './government-procurement';
import { holidayProducts } from './holiday-products';
import { hotelTicketing } from './hotel-ticketing';
import { insurance } from './insurance';
import { telecomEquipment } from './telecom-equipment';
import { telecomService } from './telecom-service';
import type { Template } from './template';

export type { Template } from './template';

/** The industry library, in the order of DOMAIN.md's table. */
export const TEMPLATES: readonly Template[] = [
	creditCard,
	bank,
	fundSecurities,
	insurance,
	telecomService,
	telecomEquipment,
	hotelTicketing,
	holidayProducts,
	businessTravel,
	fmcgRetail,
	durableGoods,
	electronics,
	constructionMachinery,
	carDealerAftersales,
	governmentProcurement
];

export const INDUSTRIES: readonly string[] = TEMPLATES.map((t) => t.industry);

export function findTemplate(id: string): Template | undefined {
	return TEMPLATES.find((t) => t.id === id);
}
