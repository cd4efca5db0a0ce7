import nodemailer from 'nodemailer';
import type { DeliverySettings } from '../../domain/delivery/settings';
import { gatewayBody } from '../../domain/delivery/templates';
import type { DeliverySecrets } from './settings';

/** A send that did not go; `reason` is stored on the message and shown to the analyst. */
export class SendError extends Error {}

export interface Email {
	to: string;
	subject: string;
	text: string;
	html: string;
}

export interface Sms {
	id: string;
	phone: string;
	text: string;
}

export interface Transports {
	email(settings: DeliverySettings, secrets: DeliverySecrets, mail: Email): Promise<{ providerId: string | null }>;
	sms(settings: DeliverySettings, secrets: DeliverySecrets, sms: Sms): Promise<{ providerId: string | null }>;
}

async function sendEmail(settings: DeliverySettings, secrets: DeliverySecrets, mail: Email) {
	const { smtp } = settings;
	if (!smtp.host || !smtp.from) throw new SendError('smtp_not_configured');
	const transport = nodemailer.createTransport({
		host: smtp.host,
		port: smtp.port,
		secure: smtp.secure,
		auth: smtp.user ? { user: smtp.user, pass: secrets.smtpPassword ?? '' } : undefined,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 30_000
	});
	try {
		const info = await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
		return { providerId: info.messageId ?? null };
	} catch (e) {
		throw new SendError(`smtp: ${(e as Error).message}`.slice(0, 500));
	} finally {
		transport.close();
	}
}

/** The gateway's own id for the message, when its JSON answer carries one. */
function gatewayId(body: string): string | null {
	try {
		const json = JSON.parse(body) as Record<string, unknown>;
		for (const key of ['id', 'messageId', 'message_id', 'msgId', 'bizId', 'sid']) {
			const v = json[key];
			if (typeof v === 'string' || typeof v === 'number') return String(v);
		}
	} catch {
		/* not JSON: no id to keep */
	}
	return null;
}

async function sendSms(settings: DeliverySettings, secrets: DeliverySecrets, sms: Sms) {
	const gw = settings.sms;
	if (!gw.url) throw new SendError('sms_not_configured');
	const body = gatewayBody(gw.body, gw.contentType, sms);
	const headers: Record<string, string> = {};
	if (gw.authHeader && secrets.smsAuth) headers[gw.authHeader] = secrets.smsAuth;
	let url = gw.url;
	let init: RequestInit;
	if (gw.method === 'GET') {
		// A GET gateway takes the filled template as its query string.
		url = `${gw.url}${gw.url.includes('?') ? '&' : '?'}${body}`;
		init = { method: 'GET', headers };
	} else {
		init = { method: gw.method, headers: { ...headers, 'content-type': `${gw.contentType}; charset=utf-8` }, body };
	}
	let response: Response;
	try {
		response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
	} catch (e) {
		throw new SendError(`sms gateway: ${(e as Error).message}`.slice(0, 500));
	}
	const text = await response.text().catch(() => '');
	if (!response.ok) throw new SendError(`sms gateway: HTTP ${response.status} ${text}`.slice(0, 500));
	return { providerId: gatewayId(text) };
}

export const realTransports: Transports = { email: sendEmail, sms: sendSms };
