/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or CR)
 * gets a leading apostrophe, so an exported customer name cannot become a command.
 */
export function neutralizeCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A validated E.164 number: digits after one plus sign cannot make a formula, so it is exported as it is. */
const E164 = /^\+[1-9]\d{1,14}$/;

/**
 * RFC 4180 CSV (CRLF, quotes doubled), every cell neutralised against formula injection,
 * except E.164 numbers in the `phoneColumns` (an SMS merge tool must see `+8613…`, not `'+8613…`).
 */
export function toCsv(rows: string[][], options: { phoneColumns?: number[] } = {}): string {
	const phones = new Set(options.phoneColumns ?? []);
	return rows
		.map((row) =>
			row
				.map((raw, column) => {
					const cell = phones.has(column) && E164.test(raw) ? raw : neutralizeCell(raw);
					return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
				})
				.join(',')
		)
		.join('\r\n') + '\r\n';
}
