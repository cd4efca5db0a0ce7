import type { ClientInit } from '@sveltejs/kit';
import { rememberTypedValues } from '$lib/typed-values';

// Runs before the page hydrates: note what the user already typed (see typed-values.ts).
export const init: ClientInit = () => {
	rememberTypedValues();
};
