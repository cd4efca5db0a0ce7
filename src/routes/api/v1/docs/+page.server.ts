import { referenceView } from '$lib/server/api/reference';
import type { PageServerLoad } from './$types';

// A reading page: no JavaScript needed.
export const csr = false;

export const load: PageServerLoad = () => referenceView();
