import type { Attachment } from 'svelte/attachments';

/**
 * A text area as tall as its text. Browsers with CSS `field-sizing: content` do it
 * themselves (see the style beside each use); elsewhere the height follows the
 * scroll height on every input.
 */
export const autogrow: Attachment<HTMLTextAreaElement> = (area) => {
	if (CSS.supports('field-sizing', 'content')) return;
	const fit = () => {
		area.style.height = 'auto';
		area.style.height = `${area.scrollHeight + 2}px`;
	};
	fit();
	area.addEventListener('input', fit);
	return () => area.removeEventListener('input', fit);
};
