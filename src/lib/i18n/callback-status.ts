import { msg } from './index';

/** Statuses added with the call queue have `queue_cc_…` messages; the first three keep `campaign_cc_…`. */
const QUEUE_STATUSES = new Set(['calling', 'partial', 'refused', 'unreachable', 'invalid_number']);

/** A campaign callback's status in the reader's language. */
export function callbackStatusLabel(status: string): string {
	return msg(QUEUE_STATUSES.has(status) ? 'queue_cc' : 'campaign_cc', status);
}
