/**
 * Text typed into a server-rendered form before the page hydrated survives hydration.
 * Svelte sets each field's value while it hydrates, so whatever a quick user (or a slow
 * phone) typed in the meantime was wiped. Before hydration (hooks.client.ts `init`) the
 * fields a user changed are noted; once the page has hydrated (the root layout's first
 * effect) their values are put back and announced with an `input` event, so bound
 * state follows.
 */
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

let typed: { field: Field; value: string; checked: boolean }[] = [];

function changedByUser(field: Field): boolean {
	if (field instanceof HTMLSelectElement) return [...field.options].some((o) => o.selected !== o.defaultSelected);
	if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) return field.checked !== field.defaultChecked;
	if (field instanceof HTMLInputElement && ['hidden', 'file', 'submit', 'button', 'reset', 'image'].includes(field.type)) return false;
	return field.value !== field.defaultValue;
}

export function rememberTypedValues(): void {
	typed = [...document.querySelectorAll<Field>('input, textarea, select')]
		.filter(changedByUser)
		.map((field) => ({ field, value: field.value, checked: field instanceof HTMLInputElement ? field.checked : false }));
}

export function restoreTypedValues(): void {
	for (const { field, value, checked } of typed) {
		if (!field.isConnected) continue;
		if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
			if (field.checked === checked) continue;
			field.checked = checked;
			field.dispatchEvent(new Event('change', { bubbles: true }));
		} else if (field.value !== value) {
			field.value = value;
			field.dispatchEvent(new Event('input', { bubbles: true }));
		}
	}
	typed = [];
	// Tests (and styles) can tell a hydrated page from a server-rendered one.
	document.documentElement.dataset.hydrated = '';
}
