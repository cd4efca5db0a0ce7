/**
 * Script-mode shortcuts: a key press clicks the button inside `root` whose
 * data-key names that key, so every shortcut is also a visible, clickable button.
 * In a text field only Enter (without Shift) and Escape count; a radio button or
 * check box is not a text field, so number keys still pick and tick there.
 */
export function keyFor(event: KeyboardEvent): string | null {
	if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
	const target = event.target as HTMLElement | null;
	const inField = !!target?.matches?.('textarea, input:not([type=radio]):not([type=checkbox]), select');
	const key = event.key.toLowerCase();
	if (inField && !(key === 'escape' || (key === 'enter' && !event.shiftKey))) return null;
	return key;
}

export function clickShortcut(root: HTMLElement, key: string): boolean {
	const el = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`);
	if (!el || (el as HTMLButtonElement).disabled) return false;
	el.click();
	return true;
}
