/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or CR)
 * gets a leading apostrophe, so an exported customer name cannot become a command.
 */
export function neutralizeCell(value: string): string {
	return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV (CRLF, quotes doubled), every cell neutralised against formula injection. */
export function toCsv(rows: string[][]): string {
	return rows
		.map((row) =>
			row
				.map((raw) => {
					const cell = neutralizeCell(raw);
					return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
				})
				.join(',')
		)
		.join('\r\n') + '\r\n';
}
