import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '../../domain/users';
import type { Locale } from '../../domain/locale';
import type { CallOutcome } from '../../domain/calls/outcomes';
import type { CampaignChannel, CampaignStatus } from '../../domain/scheduling/campaign-rules';
import type { CallbackStatus } from '../../domain/scheduling/call-queue';

/** Written by hand to match migrations/; keep both in step. */
// A column read as Date; written as Date or ISO string; optional on insert where the schema has a default.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type { Role, Locale, CallOutcome, CallbackStatus };
export type QuestionnaireStatus = 'draft' | 'open' | 'closed' | 'archived';
export type Channel = 'web' | 'phone';
export type ResponseStatus = 'in_progress' | 'completed' | 'partial';
export type CallStep = 'opening' | 'questions' | 'recap' | 'ended';

export interface AppSettingsTable {
	key: string;
	value: string;
}

export interface UsersTable {
	id: Generated<string>;
	username: string;
	display_name: string;
	password_hash: string;
	role: Role;
	agent_code: string | null;
	locale: Generated<Locale>;
	created_at: DefaultedTimestamp;
	disabled_at: NullableTimestamp;
}

export interface SessionsTable {
	id: string;
	user_id: string;
	created_at: DefaultedTimestamp;
	expires_at: Timestamp;
}

export interface LoginFailuresTable {
	id: Generated<string>;
	scope: 'account' | 'ip';
	key: string;
	failed_at: DefaultedTimestamp;
}

export interface QuestionnairesTable {
	id: Generated<string>;
	title: string;
	industry: string;
	template_id: string | null;
	status: Generated<QuestionnaireStatus>;
	draft: Json<unknown>;
	revision: Generated<number>;
	slug: string;
	created_by: string | null;
	created_at: DefaultedTimestamp;
	updated_at: DefaultedTimestamp;
	/** Open-link responses one network may send per hour; 0 = no limit (migration 0008). */
	link_hourly_limit_per_ip: Generated<number>;
	link_once_per_browser: Generated<boolean>;
}

export interface QuestionnaireVersionsTable {
	id: Generated<string>;
	questionnaire_id: string;
	number: number;
	definition: Json<unknown>;
	published_at: DefaultedTimestamp;
	published_by: string | null;
}

export interface ResponsesTable {
	id: Generated<string>;
	questionnaire_id: string;
	version_id: string;
	channel: Channel;
	submission_id: string;
	agent_id: string | null;
	status: ResponseStatus;
	started_at: DefaultedTimestamp;
	submitted_at: NullableTimestamp;
	/** Set for answers given through a per-customer link (migration 0006). */
	contact_id: ColumnType<string | null, string | null | undefined, string | null>;
	campaign_id: ColumnType<string | null, string | null | undefined, string | null>;
	/** Salted hash of the sender's address, for the open link's hourly limit (migration 0008). */
	client_hash: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AnswersTable {
	response_id: string;
	question_id: string;
	yes_no: boolean | null;
	number: number | null;
	choices: string[] | null;
	text: string | null;
	answered_at: DefaultedTimestamp;
}

export interface CallsTable {
	id: Generated<string>;
	questionnaire_id: string;
	version_id: string;
	agent_id: string;
	customer_name: string;
	customer_phone: string;
	step: Generated<CallStep>;
	position: Generated<number>;
	outcome: CallOutcome | null;
	note: string | null;
	response_id: string | null;
	started_at: DefaultedTimestamp;
	ended_at: NullableTimestamp;
	/** The campaign callback this call was claimed from, if any (migration 0007). */
	campaign_contact_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ContactsTable {
	id: Generated<string>;
	name: string;
	phone: string | null;
	email: string | null;
	external_id: string | null;
	tier: string | null;
	industry: string | null;
	product: string | null;
	/** A calendar date written as 'YYYY-MM-DD'; drivers read `date` as a Date, so select it as text (`eventDateText` in contacts/queries.ts). */
	event_date: string | null;
	owner_id: string | null;
	do_not_contact: Generated<boolean>;
	dnc_reason: string | null;
	attributes: ColumnType<Record<string, string>, string | undefined, string>;
	/** IANA time zone of the customer; null means APP_TIMEZONE. */
	time_zone: ColumnType<string | null, string | null | undefined, string | null>;
	created_at: DefaultedTimestamp;
	updated_at: DefaultedTimestamp;
}

export type ImportStatus = 'mapping' | 'running' | 'done' | 'failed';

export interface ContactImportsTable {
	id: Generated<string>;
	created_by: string | null;
	file_name: string;
	encoding: 'utf-8' | 'gb18030';
	source: string | null;
	headers: Json<string[]>;
	mapping: ColumnType<string[] | null, string | null | undefined, string | null>;
	status: Generated<ImportStatus>;
	total: Generated<number>;
	processed: Generated<number>;
	created: Generated<number>;
	merged: Generated<number>;
	rejected: Generated<number>;
	report: ColumnType<{ row: number; reason: string; value?: string }[], string | undefined, string>;
	created_at: DefaultedTimestamp;
	heartbeat_at: DefaultedTimestamp;
	finished_at: NullableTimestamp;
}

export interface CampaignsTable {
	id: Generated<string>;
	name: string;
	questionnaire_id: string;
	version_id: string;
	filter_tiers: ColumnType<string[], string[] | undefined, string[]>;
	filter_industry: string | null;
	/** Dates: select as text (see contacts). */
	event_from: string | null;
	event_to: string | null;
	delay_days: number;
	sample_percent: number;
	sample_seed: string;
	channel: CampaignChannel;
	phone_after_days: Generated<number>;
	link_valid_days: Generated<number>;
	status: Generated<CampaignStatus>;
	created_by: string | null;
	created_at: DefaultedTimestamp;
	launched_at: NullableTimestamp;
	finished_at: NullableTimestamp;
}

export interface CampaignContactsTable {
	id: Generated<string>;
	campaign_id: string;
	contact_id: string;
	/** Dates: select as text. */
	due_date: string;
	channel: 'link' | 'phone';
	/**
	 * From when to call: set on enrolment for link-then-phone callbacks; for phone
	 * callbacks null means `due_date`. A call with no answer moves it on (migration 0007).
	 */
	phone_due_date: string | null;
	status: Generated<CallbackStatus>;
	created_at: DefaultedTimestamp;
	/** Calls claimed so far (migration 0007). */
	attempts: Generated<number>;
	last_attempt_at: NullableTimestamp;
	/** Not to be called before this moment (a time the customer asked for). */
	call_after: NullableTimestamp;
	/** Date (select as text): the day the customer was last reached; the frequency cap counts from it. */
	contacted_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SurveyLinksTable {
	id: Generated<string>;
	campaign_contact_id: string;
	token_hash: string;
	created_at: DefaultedTimestamp;
	expires_at: Timestamp;
	revoked_at: NullableTimestamp;
	used_at: NullableTimestamp;
	response_id: string | null;
}

export interface Database {
	app_settings: AppSettingsTable;
	users: UsersTable;
	sessions: SessionsTable;
	login_failures: LoginFailuresTable;
	questionnaires: QuestionnairesTable;
	questionnaire_versions: QuestionnaireVersionsTable;
	responses: ResponsesTable;
	answers: AnswersTable;
	calls: CallsTable;
	contacts: ContactsTable;
	contact_imports: ContactImportsTable;
	campaigns: CampaignsTable;
	campaign_contacts: CampaignContactsTable;
	survey_links: SurveyLinksTable;
	// analytics (issue 13, migration 0040)
	analytics_rollups: AnalyticsRollupsTable;
}

export type User = Selectable<UsersTable>;

/** Counts per day and slice (migration 0040); '' stands for "none" in a slice column. */
export interface AnalyticsRollupsTable {
	questionnaire_id: string;
	/** 0 none of campaign/agent/tier/industry, 1 campaign, 2 agent, 3 tier, 4 industry, 5 all (see migration 0040). */
	cuboid: number;
	/** A calendar date of APP_TIMEZONE: select as text. */
	day: string;
	version_id: string;
	channel: Channel;
	campaign_key: string;
	agent_key: string;
	tier: string;
	industry: string;
	status: 'completed' | 'partial';
	/** '' on the row counting responses. */
	question_id: string;
	kind: string;
	cause: string;
	value: string;
	n: ColumnType<string, number | string, number | string>;
}
