import { error } from '@sveltejs/kit';
import { findTemplate } from '$lib/domain/templates';
import { localize } from '$lib/domain/locale';
import { requirePermission } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, params, url }) => {
	requirePermission(locals, url, 'designQuestionnaires');
	const template = findTemplate(params.templateId);
	if (!template) throw error(404, 'not_found');
	const locale = locals.locale;
	return {
		template: {
			id: template.id,
			industry: template.industry,
			title: localize(template.title, locale),
			intro: localize(template.definition.intro, locale),
			questions: template.definition.questions.map((q) => ({
				id: q.id,
				kind: q.kind,
				required: q.required,
				text: localize(q.text, locale),
				cause: q.kind === 'key' ? q.cause : null,
				agentText: q.kind === 'key' ? localize(q.agentText, locale) : null,
				preparedResponse: q.kind === 'key' ? localize(q.preparedResponse, locale) : null
			}))
		}
	};
};
