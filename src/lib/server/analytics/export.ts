import { sql } from 'kysely';
import ExcelJS from 'exceljs';
import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';
import type { Db } from '../db';
import type { Filters } from '../../domain/analytics/filters';
import { buildCodebook, type CodebookColumn } from '../../domain/analytics/codebook';
import { definitionSchema } from '../../domain/questionnaire/definition';
import { neutralizeCell, toCsv } from '../../domain/csv';
import type { Locale } from '../../domain/locale';
import type { AnswerValue } from '../../domain/questionnaire/answers';
import { filteredResponses } from './source';

/** Rows are read and written this many at a time: memory stays flat however many responses match. */
export const EXPORT_PAGE = 1000;

export const CHANNEL_CODES = { web: 1, phone: 2 } as const;
export const STATUS_CODES = { completed: 1, partial: 2 } as const;
export const FIXED_COLUMNS = ['response_id', 'submitted_at', 'version', 'status', 'channel', 'campaign', 'agent_code', 'contact_id', 'tier', 'industry'] as const;

export interface ExportLabels {
	yes: string;
	no: string;
	other: string;
	fixed: Record<(typeof FIXED_COLUMNS)[number], string>;
	channel: Record<'web' | 'phone', string>;
	status: Record<'completed' | 'partial', string>;
	sheetResponses: string;
	sheetCodebook: string;
	codebookHeader: [string, string, string, string];
}

interface ExportRow {
	id: string;
	submitted_at: Date;
	version_number: number;
	channel: 'web' | 'phone';
	status: 'completed' | 'partial';
	campaign_name: string | null;
	agent_code: string | null;
	contact_id: string | null;
	tier: string;
	industry: string;
}

/** The codebook of every version of a questionnaire, or null when it was never published. */
export async function exportCodebook(db: Db, questionnaireId: string, locale: Locale, labels: ExportLabels) {
	const versions = await db.selectFrom('questionnaire_versions').select(['number', 'definition']).where('questionnaire_id', '=', questionnaireId).execute();
	if (versions.length === 0) return null;
	return buildCodebook(
		versions.map((v) => ({ number: v.number, definition: definitionSchema.parse(v.definition) })),
		locale,
		labels
	);
}

/** Matching responses page by page (keyset on submission time and id), each with its answers. */
type ExportPage = { row: ExportRow; answers: Map<string, AnswerValue> }[];

async function* responsePages(db: Db, questionnaireId: string, timeZone: string, f: Filters, pageSize: number): AsyncGenerator<ExportPage> {
	let after: { at: Date; id: string } | null = null;
	for (;;) {
		const { rows }: { rows: ExportRow[] } = await sql<ExportRow>`
			select id, submitted_at, version_number, channel, status, campaign_name, agent_code, contact_id, tier, industry
			from (${filteredResponses(questionnaireId, timeZone, f)}) s
			${after ? sql`where (submitted_at, id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
			order by submitted_at, id
			limit ${pageSize}`.execute(db);
		if (rows.length === 0) return;
		const answers = await db
			.selectFrom('answers')
			.select(['response_id', 'question_id', 'yes_no', 'number', 'choices', 'text'])
			.where('response_id', 'in', rows.map((r) => r.id))
			.execute();
		const byResponse = new Map<string, Map<string, AnswerValue>>();
		for (const a of answers) {
			const map = byResponse.get(a.response_id) ?? new Map<string, AnswerValue>();
			map.set(a.question_id, { questionId: a.question_id, yesNo: a.yes_no, number: a.number, choices: a.choices, text: a.text });
			byResponse.set(a.response_id, map);
		}
		yield rows.map((r) => ({ row: r, answers: byResponse.get(r.id) ?? new Map<string, AnswerValue>() }));
		const last: ExportRow = rows.at(-1)!;
		after = { at: new Date(last.submitted_at), id: last.id };
		if (rows.length < pageSize) return;
	}
}

/** Local wall-clock time 'YYYY-MM-DD HH:MM:SS' in the app's zone: what SPSS and R parse as a date-time. */
function localTime(at: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}

function cells(r: ExportRow, answers: Map<string, AnswerValue>, columns: CodebookColumn[], timeZone: string): (string | number | null)[] {
	return [
		r.id,
		localTime(r.submitted_at, timeZone),
		r.version_number,
		STATUS_CODES[r.status],
		CHANNEL_CODES[r.channel],
		r.campaign_name,
		r.agent_code,
		r.contact_id,
		r.tier || null,
		r.industry || null,
		...columns.map((c) => c.read(answers.get(c.questionId)))
	];
}

const header = (columns: CodebookColumn[]) => [...FIXED_COLUMNS, ...columns.map((c) => c.name)];

/** The codebook as rows: variable, label, code, code label. */
function codebookRows(columns: CodebookColumn[], labels: ExportLabels): string[][] {
	const rows: string[][] = [];
	for (const name of FIXED_COLUMNS) rows.push([name, labels.fixed[name], '', '']);
	for (const [value, code] of Object.entries(STATUS_CODES)) rows.push(['status', '', String(code), labels.status[value as 'completed']]);
	for (const [value, code] of Object.entries(CHANNEL_CODES)) rows.push(['channel', '', String(code), labels.channel[value as 'web']]);
	for (const c of columns) {
		rows.push([c.name, c.label, '', '']);
		for (const code of c.codes) rows.push([c.name, '', String(code.code), code.label]);
	}
	return rows;
}

/** CSV (UTF-8 with BOM so Excel reads Chinese), streamed a page at a time; the codebook is the XLSX's second sheet. */
export function csvExport(db: Db, questionnaireId: string, timeZone: string, f: Filters, columns: CodebookColumn[], pageSize = EXPORT_PAGE): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const pages = responsePages(db, questionnaireId, timeZone, f, pageSize);
	let started = false;
	return new ReadableStream({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode('\uFEFF' + toCsv([header(columns)])));
				return;
			}
			const next = await pages.next();
			if (next.done) return controller.close();
			const rows = next.value.map(({ row, answers }) => cells(row, answers, columns, timeZone).map((c) => (c === null ? '' : String(c))));
			controller.enqueue(encoder.encode(toCsv(rows)));
		},
		async cancel() {
			await pages.return(undefined);
		}
	});
}

/** XLSX written by exceljs's streaming writer: each row is committed (and leaves memory) as soon as it is written. */
export function xlsxExport(db: Db, questionnaireId: string, timeZone: string, f: Filters, columns: CodebookColumn[], labels: ExportLabels, pageSize = EXPORT_PAGE): ReadableStream<Uint8Array> {
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
	(async () => {
		const sheet = workbook.addWorksheet(labels.sheetResponses);
		sheet.addRow(header(columns)).commit();
		for await (const page of responsePages(db, questionnaireId, timeZone, f, pageSize)) {
			for (const { row, answers } of page) sheet.addRow(cells(row, answers, columns, timeZone).map(safe)).commit();
			// Wait while the browser is slower than the database, so pages do not pile up in memory.
			if (out.writableNeedDrain) await once(out, 'drain');
		}
		sheet.commit();
		const book = workbook.addWorksheet(labels.sheetCodebook);
		book.addRow(labels.codebookHeader).commit();
		for (const r of codebookRows(columns, labels)) book.addRow(r.map((c) => (/^\d+$/.test(c) ? Number(c) : safe(c)))).commit();
		book.commit();
		await workbook.commit();
	})().catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
	return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** Text cells are neutralised like the CSV's; numbers stay numbers. */
const safe = (c: string | number | null) => (typeof c === 'string' ? neutralizeCell(c) : c);
