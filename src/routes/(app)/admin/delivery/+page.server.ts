import { getDb } from '$lib/server/db';
import { requirePermission } from '$lib/server/auth/guards';
import { parseForm } from '$lib/server/forms';
import { deliverySettingsSchema, settingsFromForm, settingsToForm } from '$lib/domain/delivery/settings';
import { getDeliverySettings, publicOrigin, saveDeliverySettings, secretsFromEnv } from '$lib/server/delivery/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals, url, 'manageUsers');
	const secrets = secretsFromEnv();
	return {
		values: settingsToForm(await getDeliverySettings(getDb())),
		// Only whether each secret is set: the values never leave the server.
		secrets: { smtpPassword: !!secrets.smtpPassword, smsAuth: !!secrets.smsAuth, receiptSecret: !!secrets.receiptSecret },
		receiptUrl: `${publicOrigin()}/api/delivery-receipts`
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		requirePermission(locals, url, 'manageUsers');
		const form = await parseForm(request, deliverySettingsSchema);
		if (!form.ok) return form.failure;
		await saveDeliverySettings(getDb(), settingsFromForm(form.data));
		return { saved: true };
	}
};
