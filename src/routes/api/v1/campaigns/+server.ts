import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { handleRoute } from '$lib/server/api/route';
import { listCampaigns } from '$lib/server/api/campaigns';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request }) => handleRoute(listCampaigns, getDb(), request, now());
