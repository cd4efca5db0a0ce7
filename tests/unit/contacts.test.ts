import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attributeKeyFor, guessMapping, validateMapping, ATTRIBUTE_KEY } from '$lib/domain/contacts/fields';
import { normalizeDate, normalizeEmail, normalizePhone, parseYesNo } from '$lib/domain/contacts/values';
import { mergeContact, readRow } from '$lib/domain/contacts/import-row';
import { contactFormSchema } from '$lib/domain/contacts/edit';

describe('contact values', () => {
	it('normalises phones to E.164, Chinese by default', () => {
		expect(normalizePhone('13800138000')).toBe('+8613800138000');
		expect(normalizePhone('138-0013-8000')).toBe('+8613800138000');
		expect(normalizePhone('+86 138 0013 8000')).toBe('+8613800138000');
		expect(normalizePhone('0086 13800138000')).toBe('+8613800138000');
		expect(normalizePhone('+1 415 555 2671')).toBe('+14155552671');
		expect(normalizePhone('12345')).toBeNull();
		expect(normalizePhone('not a phone')).toBeNull();
		expect(normalizePhone('')).toBeNull();
	});

	it('reads dates in the usual Chinese spreadsheet forms and refuses impossible ones', () => {
		expect(normalizeDate('2026-11-01')).toBe('2026-11-01');
		expect(normalizeDate('2026/11/1')).toBe('2026-11-01');
		expect(normalizeDate('2026.1.9')).toBe('2026-01-09');
		expect(normalizeDate('20261101')).toBe('2026-11-01');
		expect(normalizeDate('2026年11月1日')).toBe('2026-11-01');
		expect(normalizeDate('2026-02-30')).toBeNull();
		expect(normalizeDate('11/01/2026')).toBeNull();
		expect(normalizeDate('tomorrow')).toBeNull();
	});

	it('round-trips every real date', () => {
		fc.assert(
			fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2150-12-31'), noInvalidDate: true }), (d) => {
				const iso = d.toISOString().slice(0, 10);
				const [y, m, day] = iso.split('-').map(Number);
				expect(normalizeDate(`${y}/${m}/${day}`)).toBe(iso);
				expect(normalizeDate(iso)).toBe(iso);
			})
		);
	});

	it('checks e-mails and yes/no cells', () => {
		expect(normalizeEmail(' li@example.com ')).toBe('li@example.com');
		expect(normalizeEmail('li@')).toBeNull();
		expect(parseYesNo('是')).toBe(true);
		expect(parseYesNo('No')).toBe(false);
		expect(parseYesNo('maybe')).toBeNull();
	});
});

describe('column mapping', () => {
	it('guesses Chinese and English headers, keeps other ASCII headers as attributes', () => {
		expect(guessMapping(['姓名', '手机', '客户等级', 'Car Model', '备注', 'E-mail', '购买日期'])).toEqual([
			{ kind: 'field', field: 'name' },
			{ kind: 'field', field: 'phone' },
			{ kind: 'field', field: 'tier' },
			{ kind: 'attribute', key: 'car_model' },
			{ kind: 'ignore' },
			{ kind: 'field', field: 'email' },
			{ kind: 'field', field: 'event_date' }
		]);
		// A second phone-like column does not take the field twice.
		expect(guessMapping(['name', 'phone', 'tel'])[2]).toEqual({ kind: 'attribute', key: 'tel' });
	});

	it('makes only valid attribute keys', () => {
		fc.assert(
			fc.property(fc.string(), (header) => {
				const key = attributeKeyFor(header);
				expect(key === '' || ATTRIBUTE_KEY.test(key)).toBe(true);
			})
		);
	});

	it('requires the name, refuses a field twice and bad or repeated attribute keys', () => {
		expect(validateMapping([{ kind: 'field', field: 'phone' }])).toEqual({ ok: false, errors: { form: 'contacts_mapping_name_required' } });
		const result = validateMapping([
			{ kind: 'field', field: 'name' },
			{ kind: 'field', field: 'name' },
			{ kind: 'attribute', key: 'Bad Key' },
			{ kind: 'attribute', key: 'model' },
			{ kind: 'attribute', key: 'model' }
		]);
		expect(result).toEqual({
			ok: false,
			errors: { col_1: 'contacts_mapping_field_twice', attr_2: 'contacts_mapping_attribute_key_invalid', attr_4: 'contacts_mapping_attribute_twice' }
		});
	});
});

describe('import rows', () => {
	const targets = guessMapping(['姓名', '手机', '客户编号', '日期', '免打扰', 'trim', '备注']);

	it('normalises a good row', () => {
		const row = readRow(targets, ['张三', '138 0013 8000', 'C-1', '2026/11/1', '否', 'X5', 'whatever']);
		expect(row).toEqual({
			ok: true,
			contact: expect.objectContaining({
				name: '张三',
				phone: '+8613800138000',
				externalId: 'C-1',
				eventDate: '2026-11-01',
				doNotContact: null,
				attributes: { trim: 'X5' }
			})
		});
	});

	it('rejects with a reason and the value', () => {
		expect(readRow(targets, ['张三', '12345', '', '', '', '', ''])).toEqual({ ok: false, reason: 'contacts_reject_phone', value: '12345' });
		expect(readRow(targets, ['张三', '', '', '2026-13-01', '', '', ''])).toMatchObject({ reason: 'contacts_reject_date' });
		expect(readRow(targets, ['', '13800138000', '', '', '', '', ''])).toMatchObject({ reason: 'contacts_reject_name_missing' });
		expect(readRow(targets, ['张三', '13800138000'])).toMatchObject({ reason: 'contacts_reject_columns', value: '2/7' });
		expect(readRow(targets, ['张三', '', '', '', 'perhaps', '', ''])).toMatchObject({ reason: 'contacts_reject_yes_no' });
	});

	it('merges: what a row says wins, empty cells keep the old value, attributes combine', () => {
		const a = readRow(targets, ['张三', '13800138000', 'C-1', '2026-01-01', '是', 'X5', '']);
		const b = readRow(targets, ['张三丰', '', '', '2026-02-02', '否', '', '']);
		if (!a.ok || !b.ok) throw new Error('rows should be valid');
		const merged = mergeContact(a.contact, { ...b.contact, attributes: { colour: 'red' } });
		expect(merged).toMatchObject({
			name: '张三丰',
			phone: '+8613800138000',
			externalId: 'C-1',
			eventDate: '2026-02-02',
			doNotContact: true,
			attributes: { trim: 'X5', colour: 'red' }
		});
	});
});

describe('contact form', () => {
	it('normalises and explains', () => {
		const ok = contactFormSchema.safeParse({ name: ' 李四 ', phone: '13800138000', email: '', externalId: '', tier: 'A', industry: '', product: '', eventDate: '2026/3/4', dncReason: '' });
		expect(ok.success && ok.data).toMatchObject({ name: '李四', phone: '+8613800138000', email: null, eventDate: '2026-03-04', doNotContact: false });
		const bad = contactFormSchema.safeParse({ name: '', phone: '123', email: 'x', externalId: '', tier: '', industry: '', product: '', eventDate: 'soon', doNotContact: 'on', dncReason: '' });
		expect(bad.success).toBe(false);
		const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
		expect(messages).toMatchObject({ name: 'required', phone: 'phone_format', email: 'contacts_error_email', eventDate: 'contacts_error_date', dncReason: 'contacts_error_dnc_reason' });
	});
});
