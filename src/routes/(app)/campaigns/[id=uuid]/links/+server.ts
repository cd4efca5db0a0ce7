import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { timeZone } from '$lib/server/config';
import { issueLinks } from '$lib/server/links/service';
import { getCampaign } from '$lib/server/campaigns/service';
import { toCsv } from '$lib/domain/csv';
import { recordAudit } from '$lib/server/audit/service';
import { m } from '$lib/i18n';
import type { RequestHandler } from './$types';

/**
 * Issues the campaign's links and downloads them as CSV for an SMS or mail merge
 * (UTF-8 with BOM for Excel; formula-like cells neutralised). A POST: it creates links.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const user = requirePermission(locals, url, 'manageCampaigns');
	const db = getDb();
	if (!(await getCampaign(db, params.id))) throw error(404, 'not_found');
	const form = await request.formData().catch(() => null);
	const reissue = form?.get('reissue') === 'on';
	const issued = await issueLinks(db, params.id, { reissue });
	if (!issued) throw redirect(303, `/campaigns/${params.id}?links=unavailable`);
	// The file holds every link's token: who downloaded it, and when, is kept.
	await recordAudit(db, { actorId: user.id, action: 'links_exported', targetType: 'campaign', targetId: params.id, detail: { links: issued.links.length, reissue } });
	const when = new Intl.DateTimeFormat('sv-SE', { timeZone: timeZone(), dateStyle: 'short', timeStyle: 'short' });
	const rows = [
		[m.contacts_field_name(), m.contacts_field_phone(), m.contacts_field_email(), m.link_url(), m.link_expires()],
		...issued.links.map((l) => [l.name, l.phone ?? '', l.email ?? '', `${url.origin}/l/${l.token}`, when.format(l.expiresAt)])
	];
	return new Response('\ufeff' + toCsv(rows, { phoneColumns: [1] }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="links-${params.id.slice(0, 8)}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
