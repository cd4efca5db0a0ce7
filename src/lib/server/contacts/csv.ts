import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export type Decoded = { ok: true; text: string; encoding: 'utf-8' | 'gb18030' } | { ok: false; error: string };

/** Valid UTF-8 (with or without BOM) is UTF-8; anything else is read as GB18030. Binary files are refused. */
export function decodeCsv(bytes: Uint8Array): Decoded {
	if (bytes.length === 0) return { ok: false, error: 'contacts_file_empty' };
	if (bytes.length > MAX_CSV_BYTES) return { ok: false, error: 'contacts_file_too_large' };
	let text: string;
	let encoding: 'utf-8' | 'gb18030';
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		encoding = 'utf-8';
	} catch {
		text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'gb18030');
		encoding = 'gb18030';
	}
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	// Text files have no NULs and almost no other control characters; images, zips and spreadsheets do.
	const sample = text.slice(0, 65536);
	const controls = sample.match(/[\x00-\x08\x0e-\x1f\ufffd]/g)?.length ?? 0;
	if (sample.includes('\x00') || controls > sample.length / 100) return { ok: false, error: 'contacts_file_binary' };
	// PostgreSQL cannot store a NUL in text: one further down a text file is refused too, in its own words.
	if (text.includes('\x00')) return { ok: false, error: 'sec_file_control_chars' };
	if (text.trim() === '') return { ok: false, error: 'contacts_file_empty' };
	return { ok: true, text, encoding };
}

/** A data row and the file line it starts on (what the report cites). */
export interface CsvRow {
	line: number;
	cells: string[];
}

export type Parsed = { ok: true; headers: string[]; rows: CsvRow[] } | { ok: false; error: string; line?: number };

/** Header and data rows; rows of the wrong width are kept (the import rejects them one by one). */
export function parseCsv(text: string): Parsed {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true, info: true }) as unknown as typeof records;
	} catch (e) {
		const line = (e as { lines?: number }).lines;
		return { ok: false, error: 'contacts_file_malformed', line };
	}
	const [first, ...rest] = records;
	const headers = first?.record ?? [];
	if (headers.every((h) => h.trim() === '')) return { ok: false, error: 'contacts_file_empty' };
	return { ok: true, headers: headers.map((h) => h.trim()), rows: rest.map((r) => ({ line: r.info.lines, cells: r.record })) };
}
