import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { DIALECTS } from './setup';
import type { Db } from '$lib/server/db';
import { csvExport, exportCodebook, FIXED_COLUMNS, xlsxExport } from '$lib/server/analytics/export';
import { noAnswers } from '$lib/server/analytics/drill';
import type { Filters } from '$lib/domain/analytics/filters';
import { KEY_IDS } from './fixtures';
import { analyticsSlices, EXPORT_LABELS as LABELS, storeResponse, type GeneratedResponse, type Slices } from './analytics-data';

const TZ = 'Asia/Shanghai';
const BASE = new Date('2026-11-30T04:00:00Z');
const ALL: Filters = { from: null, to: null, statuses: ['completed', 'partial'] };

const response = (i: number, over: Partial<GeneratedResponse> = {}): GeneratedResponse => ({
	day: i % 10,
	hour: i % 24,
	phone: i % 3 === 0,
	partial: false,
	version: i % 2,
	campaign: (i % 3) - 1,
	agent: 0,
	contact: i % 3,
	keys: [i % 4 !== 0, true, true, true, true, true],
	rating: 1 + (i % 5),
	nps: i % 11,
	comment: i === 0 ? '=HYPERLINK("http://evil")' : null,
	...over
});

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
	// ignoreBOM keeps the byte-order mark in the text, so the test can see it.
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

for (const dialect of DIALECTS) {
	describe(`${dialect.name}: analytics exports`, () => {
		let db: Db;
		let s: Slices;
		// Pages of 40 rows here (1,000 in the app): 157 responses take four pages, the last one short.
		const PAGE = 40;
		const N = 157;
		beforeAll(async () => {
			db = await dialect.open();
			s = await analyticsSlices(db);
			// More than one page of responses, so the keyset paging is exercised.
			const rows = Array.from({ length: N }, (_, i) => response(i));
			for (let i = 0; i < rows.length; i += 50) await Promise.all(rows.slice(i, i + 50).map((r) => storeResponse(db, s, r, BASE)));
		}, 300_000);
		afterAll(async () => {
			await db.destroy();
		});

		it('exports one CSV row per response with a BOM, stable columns, numeric codes and safe cells', async () => {
			const columns = (await exportCodebook(db, s.questionnaireId, 'zh-CN', LABELS))!;
			const csv = await text(csvExport(db, s.questionnaireId, TZ, ALL, columns, PAGE));
			expect(csv.startsWith('\uFEFF')).toBe(true);
			const lines = csv.slice(1).trimEnd().split('\r\n');
			expect(lines).toHaveLength(N + 1);
			const header = lines[0]!.split(',');
			expect(header.slice(0, FIXED_COLUMNS.length)).toEqual([...FIXED_COLUMNS]);
			expect(header.slice(FIXED_COLUMNS.length)).toEqual([...KEY_IDS, 'overall_satisfaction', 'recommend', 'comment']);
			expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(N);
			// Key answers are 1/0; the formula is neutralised with a leading apostrophe.
			const keyCells = lines.slice(1).map((l) => l.split(',')[FIXED_COLUMNS.length]);
			expect(new Set(keyCells)).toEqual(new Set(['0', '1']));
			expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
		});

		it('applies the filters to the export', async () => {
			const columns = (await exportCodebook(db, s.questionnaireId, 'zh-CN', LABELS))!;
			const csv = await text(csvExport(db, s.questionnaireId, TZ, { ...ALL, channel: 'phone', campaign: s.campaigns[0] }, columns, PAGE));
			// Phone responses are i % 3 === 0, whose campaign index is -1: none match both.
			expect(csv.slice(1).trimEnd().split('\r\n')).toHaveLength(1);
			const phone = await text(csvExport(db, s.questionnaireId, TZ, { ...ALL, channel: 'phone' }, columns, PAGE));
			expect(phone.slice(1).trimEnd().split('\r\n')).toHaveLength(1 + Math.ceil(N / 3));
		});

		it('streams an XLSX with the same rows and a codebook sheet', async () => {
			const columns = (await exportCodebook(db, s.questionnaireId, 'zh-CN', LABELS))!;
			const stream = xlsxExport(db, s.questionnaireId, TZ, ALL, columns, LABELS, PAGE);
			const book = new ExcelJS.Workbook();
			await book.xlsx.read(Readable.fromWeb(stream as never));
			const sheet = book.getWorksheet('Responses')!;
			expect(sheet.rowCount).toBe(N + 1);
			expect(typeof sheet.getRow(2).getCell(FIXED_COLUMNS.length + 1).value).toBe('number');
			const codebook = book.getWorksheet('Codebook')!;
			const rows = codebook.getSheetValues().slice(2) as unknown[][];
			expect(rows.some((r) => r[1] === 'received_promptly' && r[3] === 1 && r[4] === '是')).toBe(true);
		});

		it('drills into the "no" answers of a key question', async () => {
			// The comment stands in for a "why" question here: response 0 said "no" and commented.
			const result = await noAnswers(db, s.questionnaireId, TZ, ALL, 'received_promptly', ['comment'], 1);
			expect(result.total).toBe(Math.ceil(N / 4));
			expect(result.rows).toHaveLength(40);
			expect(result.rows.filter((r) => r.why !== null).map((r) => r.why)).toEqual(['=HYPERLINK("http://evil")']);
		});
	});
}
