import { SMTPServer } from 'smtp-server';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	subject: string;
	text: string;
	html: string;
}

function decodeWords(header: string): string {
	return header.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
		enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' '))
	);
}

function decodeQp(s: string): string {
	const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
	return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

function headersOf(block: string): Record<string, string> {
	const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
	const out: Record<string, string> = {};
	for (const line of unfolded.split(/\r?\n/)) {
		const i = line.indexOf(':');
		if (i > 0) out[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
	}
	return out;
}

function split(raw: string): [Record<string, string>, string] {
	const i = raw.search(/\r?\n\r?\n/);
	return [headersOf(raw.slice(0, i)), raw.slice(i).replace(/^\r?\n\r?\n/, '')];
}

function decodeBody(headers: Record<string, string>, body: string): string {
	const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
	if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (enc === 'quoted-printable') return decodeQp(body);
	return body;
}

/** Just enough MIME to read what nodemailer writes: text and HTML parts, encoded subject. */
export function parseMail(raw: string): Omit<ReceivedMail, 'from' | 'to'> {
	const [headers, body] = split(raw);
	const mail = { subject: decodeWords(headers.subject ?? ''), text: '', html: '' };
	const walk = (h: Record<string, string>, b: string) => {
		const type = h['content-type'] ?? 'text/plain';
		const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
		if (boundary) {
			for (const part of b.split(`--${boundary}`).slice(1)) {
				if (part.startsWith('--')) break;
				const [ph, pb] = split(part.replace(/^\r?\n/, ''));
				walk(ph, pb);
			}
		} else if (type.startsWith('text/html')) mail.html += decodeBody(h, b);
		else if (type.startsWith('text/plain')) mail.text += decodeBody(h, b).replace(/\r\n/g, '\n').trimEnd();
	};
	walk(headers, body);
	return mail;
}

/** A real SMTP server on a free local port that keeps every message it accepts. */
export async function startMailServer(): Promise<{ port: number; mails: ReceivedMail[]; close: () => Promise<void> }> {
	const mails: ReceivedMail[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				mails.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					...parseMail(Buffer.concat(chunks).toString('utf8'))
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface ReceivedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** A local HTTP receiver (an SMS gateway stand-in on the wire): records requests, answers what `respond` says. */
export async function startHttpReceiver(respond: (req: ReceivedRequest, index: number) => { status: number; body: string } = () => ({ status: 200, body: '{}' })) {
	const requests: ReceivedRequest[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
			const answer = respond(r, requests.length);
			requests.push(r);
			res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}/sms`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
