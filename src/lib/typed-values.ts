/**
 * Text typed into a server-rendered form before the page hydrated survives hydration.
 * Svelte sets each field's value while it hydrates, so whatever a quick user (or a slow
 * phone) typed in the meantime was wiped. Before hydration (hooks.client.ts `init`) the
 * fields a user already changed are noted, and from then on every input and change the
 * user makes, since hydration waits for the page's modules and the user may go on typing
 * meanwhile; once the page has hydrated (the root layout's first effect) the values are
 * put back and announced with an `input` (or `change`) event, so bound state follows.
 */
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const typed = new Map<Field, { value: string; checked: boolean }>();

const isField = (target: EventTarget | null): target is Field =>
	target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;

function changedByUser(field: Field): boolean {
	if (field instanceof HTMLSelectElement) return [...field.options].some((o) => o.selected !== o.defaultSelected);
	if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) return field.checked !== field.defaultChecked;
	if (field instanceof HTMLInputElement && ['hidden', 'file', 'submit', 'button', 'reset', 'image'].includes(field.type)) return false;
	return field.value !== field.defaultValue;
}

function note(field: Field): void {
	if (field instanceof HTMLInputElement && ['hidden', 'file', 'submit', 'button', 'reset', 'image'].includes(field.type)) return;
	typed.set(field, { value: field.value, checked: field instanceof HTMLInputElement ? field.checked : false });
}

const onUserInput = (event: Event) => {
	if (isField(event.target)) note(event.target);
};

export function rememberTypedValues(): void {
	for (const field of document.querySelectorAll<Field>('input, textarea, select')) if (changedByUser(field)) note(field);
	document.addEventListener('input', onUserInput, true);
	document.addEventListener('change', onUserInput, true);
}

export function restoreTypedValues(): void {
	document.removeEventListener('input', onUserInput, true);
	document.removeEventListener('change', onUserInput, true);
	for (const [field, { value, checked }] of typed) {
		if (!field.isConnected) continue;
		if (field instanceof HTMLInputElement && (field.type === 'checkbox' || field.type === 'radio')) {
			if (field.checked === checked) continue;
			field.checked = checked;
			field.dispatchEvent(new Event('change', { bubbles: true }));
		} else if (field.value !== value) {
			field.value = value;
			field.dispatchEvent(new Event('input', { bubbles: true }));
			if (field instanceof HTMLSelectElement) field.dispatchEvent(new Event('change', { bubbles: true }));
		}
	}
	typed.clear();
	// Tests (and styles) can tell a hydrated page from a server-rendered one.
	document.documentElement.dataset.hydrated = '';
}
