import { z } from 'zod';

/** Contact fields a CSV column can fill; anything else becomes a free attribute or is ignored. */
export const CONTACT_FIELDS = [
	'name',
	'phone',
	'email',
	'external_id',
	'tier',
	'industry',
	'product',
	'event_date',
	'owner',
	'do_not_contact',
	'dnc_reason',
	'time_zone'
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Attribute keys are what `{contact.<key>}` can refer to in a questionnaire text. */
export const ATTRIBUTE_KEY = /^[a-z][a-z0-9_]{0,39}$/;
export const MAX_ATTRIBUTES = 50;

export const LIMITS = {
	name: 200,
	email: 254,
	external_id: 100,
	tier: 40,
	industry: 100,
	product: 200,
	dnc_reason: 500,
	attribute: 500
} as const;

/** A column's destination: a field, an attribute under a key, or nothing. */
export type ColumnTarget = { kind: 'ignore' } | { kind: 'field'; field: ContactField } | { kind: 'attribute'; key: string };

const HEADER_GUESSES: Record<ContactField, string[]> = {
	name: ['姓名', '名字', '客户姓名', '客户名称', '客户', '联系人', 'name', 'fullname', 'customer', 'customername', 'contactname'],
	phone: ['手机', '手机号', '手机号码', '电话', '联系电话', '电话号码', '移动电话', 'phone', 'mobile', 'tel', 'telephone', 'cell', 'phonenumber', 'mobilephone'],
	email: ['邮箱', '电子邮件', '电子邮箱', '邮件', 'email', 'mail', 'emailaddress'],
	external_id: ['客户编号', '编号', '客户id', '会员号', '客户代码', 'externalid', 'customerid', 'crmid', 'id', 'customerno'],
	tier: ['等级', '客户等级', '级别', '分级', '客户级别', 'tier', 'level', 'grade', 'segment', 'class'],
	industry: ['行业', '所属行业', 'industry', 'sector'],
	product: ['产品', '车型', '购买产品', '产品名称', '服务项目', 'product', 'model', 'item'],
	event_date: ['日期', '购买日期', '服务日期', '交付日期', '事件日期', '成交日期', '维修日期', '交车日期', 'date', 'eventdate', 'purchasedate', 'servicedate'],
	owner: ['负责人', '坐席', '工号', '专属坐席', '客户经理', 'owner', 'agent', 'agentcode'],
	do_not_contact: ['免打扰', '勿扰', '拒绝回访', '请勿联系', 'donotcontact', 'dnc'],
	dnc_reason: ['免打扰原因', '勿扰原因', 'dncreason', 'donotcontactreason'],
	time_zone: ['时区', '所在时区', '客户时区', 'timezone', 'tz', 'ianatimezone']
};

const squash = (header: string) => header.trim().toLowerCase().replace(/[\s_\-.·:：()（）]/g, '');

/** An ASCII header as an attribute key (`Car Model` → `car_model`), or '' when it cannot be one. */
export function attributeKeyFor(header: string): string {
	const key = header
		.trim()
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 40);
	return ATTRIBUTE_KEY.test(key) ? key : '';
}

/** First guesses for a file's columns: known Chinese/English headers → fields, other ASCII ones → attributes. */
export function guessMapping(headers: string[]): ColumnTarget[] {
	const used = new Set<ContactField>();
	return headers.map((header) => {
		const h = squash(header);
		const field = CONTACT_FIELDS.find((f) => !used.has(f) && HEADER_GUESSES[f].includes(h));
		if (field) {
			used.add(field);
			return { kind: 'field', field };
		}
		const key = attributeKeyFor(header);
		return key ? { kind: 'attribute', key } : { kind: 'ignore' };
	});
}

/** Form encoding of a target: `ignore`, a field name, or `attribute`. */
export const columnChoiceSchema = z.enum(['ignore', 'attribute', ...CONTACT_FIELDS]);

/**
 * Checks a complete mapping: the name column is mapped, no field twice, attribute
 * keys well-formed and distinct. Errors are message keys by column index ('form' for the whole).
 */
export function validateMapping(targets: ColumnTarget[]): { ok: true } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const fields = new Set<ContactField>();
	const keys = new Set<string>();
	targets.forEach((t, i) => {
		if (t.kind === 'field') {
			if (fields.has(t.field)) errors[`col_${i}`] = 'contacts_mapping_field_twice';
			fields.add(t.field);
		} else if (t.kind === 'attribute') {
			if (!ATTRIBUTE_KEY.test(t.key)) errors[`attr_${i}`] = 'contacts_mapping_attribute_key_invalid';
			else if (keys.has(t.key)) errors[`attr_${i}`] = 'contacts_mapping_attribute_twice';
			keys.add(t.key);
		}
	});
	if (keys.size > MAX_ATTRIBUTES) errors.form = 'contacts_mapping_too_many_attributes';
	if (!fields.has('name')) errors.form ??= 'contacts_mapping_name_required';
	return Object.keys(errors).length ? { ok: false, errors } : { ok: true };
}
