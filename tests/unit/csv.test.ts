import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { neutralizeCell, toCsv } from '$lib/domain/csv';

describe('CSV export', () => {
	it('neutralises cells a spreadsheet would run as formulas', () => {
		for (const cell of ['=1+1', '+8613800138000', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeCell(cell)).toBe(`'${cell}`);
		expect(neutralizeCell('张三')).toBe('张三');
		expect(neutralizeCell("'quoted")).toBe("'quoted");
	});

	it('round-trips through a CSV parser, every cell safe', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
				const back = parse(toCsv(rows), { relax_column_count: true }) as string[][];
				expect(back).toEqual(rows.map((r) => r.map(neutralizeCell)));
				for (const cell of back.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
			})
		);
	});
});
