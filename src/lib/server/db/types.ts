import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Role } from '../../domain/users';
import type { Locale } from '../../domain/locale';
import type { CampaignChannel, CampaignStatus } from '../../domain/scheduling/campaign-rules';
import type { CallbackStatus } from '../../domain/scheduling/call-queue';
import type { AaporGroup, DispositionEffect } from '../../domain/calls/dispositions';
import type { ChurnCause } from '../../domain/questionnaire/definition';
import type { AssignmentMode, CaseState } from '../../domain/follow-ups/states';

/** Written by hand to match migrations/; keep both in step. */
// A column read as Date; written as Date or ISO string; optional on insert where the schema has a default.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type { Role, Locale, CallbackStatus };
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
	/** Set by an admin's password reset: the next sign-in must choose a new one (migration 0010). */
	must_change_password: Generated<boolean>;
	last_sign_in_at: NullableTimestamp;
}

export interface SessionsTable {
	id: string;
	user_id: string;
	created_at: DefaultedTimestamp;
	expires_at: Timestamp;
	last_seen_at: DefaultedTimestamp;
	user_agent: string | null;
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
	/** The disposition key (dispositions.key) once the call ended (migration 0020). */
	outcome: string | null;
	note: string | null;
	response_id: string | null;
	started_at: DefaultedTimestamp;
	ended_at: NullableTimestamp;
	/** The campaign callback this call was claimed from, if any (migration 0007). */
	campaign_contact_id: ColumnType<string | null, string | null | undefined, string | null>;
	/** Touched by every action of the agent (migration 0020): a stale call is released. */
	last_activity_at: DefaultedTimestamp;
	/** Set when the system or a supervisor released the call. */
	released_at: NullableTimestamp;
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
	/** How links go out: CSV export only, or sent by e-mail or SMS (migration 0050). */
	link_delivery: Generated<LinkDelivery>;
	message_locale: Generated<Locale>;
	/** One reminder this many days after the invitation to links not answered; null: none. */
	reminder_after_days: ColumnType<number | null, number | null | undefined, number | null>;
	created_by: string | null;
	created_at: DefaultedTimestamp;
	launched_at: NullableTimestamp;
	finished_at: NullableTimestamp;
	/** Retry policy (migration 0020). */
	max_attempts: Generated<number>;
	max_deferrals: Generated<number>;
	daily_attempt_cap: Generated<number>;
	voicemail_cap: Generated<number>;
	rotate_dayparts: Generated<boolean>;
	/** Calls follow the campaign's own windows instead of the default (migration 0021). */
	own_calling_hours: Generated<boolean>;
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
	/** Appointments booked and voicemail messages left so far (migration 0020). */
	deferrals: Generated<number>;
	voicemails: Generated<number>;
	/** The disposition that closed the callback. */
	final_disposition: ColumnType<string | null, string | null | undefined, string | null>;
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
	/** First view of /l/<token> (migration 0050). */
	opened_at: NullableTimestamp;
}

export interface Database {
	app_settings: AppSettingsTable;
	users: UsersTable;
	sessions: SessionsTable;
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
	// security (issue 9)
	login_attempts: LoginAttemptsTable;
	audit_log: AuditLogTable;
	// Jobs and link delivery (migration 0050).
	link_messages: LinkMessagesTable;
	// REST API and webhooks (issue 11, migrations 0060–0061)
	api_tokens: ApiTokensTable;
	api_rate_counters: ApiRateCountersTable;
	api_idempotency_keys: ApiIdempotencyKeysTable;
	service_events: ServiceEventsTable;
	call_events: CallEventsTable;
	webhook_subscriptions: WebhookSubscriptionsTable;
	webhook_events: WebhookEventsTable;
	webhook_deliveries: WebhookDeliveriesTable;
	webhook_attempts: WebhookAttemptsTable;
	// Call floor (issue 10, calls area).
	dispositions: DispositionsTable;
	appointments: AppointmentsTable;
	contact_notes: ContactNotesTable;
	calling_windows: CallingWindowsTable;
	calling_blackouts: CallingBlackoutsTable;
	// Follow-up cases (issue 14, migration 0030)
	follow_up_teams: FollowUpTeamsTable;
	follow_up_team_members: FollowUpTeamMembersTable;
	follow_up_routes: FollowUpRoutesTable;
	follow_up_questionnaire_settings: FollowUpQuestionnaireSettingsTable;
	follow_ups: FollowUpsTable;
	follow_up_items: FollowUpItemsTable;
	follow_up_events: FollowUpEventsTable;
	follow_up_call_notes: FollowUpCallNotesTable;
	follow_up_verifications: FollowUpVerificationsTable;
	follow_up_signoffs: FollowUpSignoffsTable;
	// analytics (issue 13, migration 0040)
	analytics_rollups: AnalyticsRollupsTable;
	analytics_rollup_pending: AnalyticsRollupPendingTable;
	analytics_score_rollups: AnalyticsScoreRollupsTable;
}

export type User = Selectable<UsersTable>;

/** A sign-in attempt, reserved before the password is checked (migration 0010). */
export interface LoginAttemptsTable {
	id: Generated<string>;
	account: string;
	ip: string;
	attempted_at: Timestamp;
	failed: Generated<boolean>;
}

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration 0010). */
export interface AuditLogTable {
	id: Generated<string>;
	at: DefaultedTimestamp;
	actor_id: string | null;
	actor_name: string | null;
	action: string;
	target_type: string | null;
	target_id: string | null;
	detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

// Jobs and link delivery (migration 0050).
export type LinkDelivery = 'export' | 'email' | 'sms';
export type MessageStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'delivered';

export interface LinkMessagesTable {
	id: Generated<string>;
	campaign_id: string;
	campaign_contact_id: string;
	/** Null when the message could not be prepared (no address). */
	survey_link_id: string | null;
	kind: 'invitation' | 'reminder';
	channel: 'email' | 'sms';
	recipient: string;
	status: Generated<MessageStatus>;
	attempts: Generated<number>;
	next_attempt_at: Timestamp;
	claimed_until: NullableTimestamp;
	error: string | null;
	provider_id: string | null;
	queued_at: Timestamp;
	sent_at: NullableTimestamp;
	delivered_at: NullableTimestamp;
	failed_at: NullableTimestamp;
}

// REST API and webhooks (migrations 0060–0061).

export interface ApiTokensTable {
	id: Generated<string>;
	name: string;
	token_hash: string;
	/** The first characters of the token, to tell tokens apart in the list. */
	prefix: string;
	/** `<area>:read` or `<area>:write`. */
	scopes: string[];
	rate_limit_per_minute: Generated<number>;
	created_by: string | null;
	created_at: DefaultedTimestamp;
	last_used_at: NullableTimestamp;
	revoked_at: NullableTimestamp;
}

export interface ApiRateCountersTable {
	token_id: string;
	window_start: Timestamp;
	count: number;
}

export interface ApiIdempotencyKeysTable {
	token_id: string;
	key: string;
	request_hash: string;
	/** Null while the first request with the key is still running. */
	status: number | null;
	body: string | null;
	created_at: DefaultedTimestamp;
}

export interface ServiceEventsTable {
	id: Generated<string>;
	contact_id: string;
	/** Date: select as text. */
	occurred_on: string;
	kind: string | null;
	created_at: DefaultedTimestamp;
}

export type CallEventKind = 'ringing' | 'answered' | 'hung_up';

export interface CallEventsTable {
	id: Generated<string>;
	call_id: string;
	kind: CallEventKind;
	occurred_at: Timestamp;
	external_ref: string | null;
	created_at: DefaultedTimestamp;
}

export interface WebhookSubscriptionsTable {
	id: Generated<string>;
	url: string;
	events: string[];
	secret: string;
	created_by: string | null;
	created_at: DefaultedTimestamp;
	disabled_at: NullableTimestamp;
}

export interface WebhookEventsTable {
	id: Generated<string>;
	type: string;
	payload: ColumnType<unknown, string, string>;
	created_at: DefaultedTimestamp;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveriesTable {
	id: Generated<string>;
	subscription_id: string;
	event_id: string;
	state: Generated<DeliveryState>;
	attempts: Generated<number>;
	first_attempt_at: Timestamp;
	next_attempt_at: Timestamp;
	lease_until: NullableTimestamp;
	last_status: number | null;
	last_error: string | null;
	delivered_at: NullableTimestamp;
	created_at: DefaultedTimestamp;
}

export interface WebhookAttemptsTable {
	id: Generated<string>;
	delivery_id: string;
	attempted_at: Timestamp;
	status: number | null;
	error: string | null;
}

// Call floor (issue 10, calls area): migrations 0020 and 0021.
export interface DispositionsTable {
	key: string;
	label_zh: string;
	label_en: string;
	aapor_group: AaporGroup;
	aapor_code: string;
	final: boolean;
	contacted: boolean;
	counts_attempt: boolean;
	sets_dnc: boolean;
	note_required: boolean;
	retry_minutes: number | null;
	effect: DispositionEffect;
	system: Generated<boolean>;
	sort: Generated<number>;
}

export interface AppointmentsTable {
	id: Generated<string>;
	campaign_contact_id: string;
	starts_at: Timestamp;
	ends_at: Timestamp;
	time_zone: string;
	/** "With me only": only this agent may take it until the window ends. */
	agent_id: string | null;
	booked_by: string | null;
	booked_in_call: string | null;
	created_at: DefaultedTimestamp;
	kept_in_call: ColumnType<string | null, string | null | undefined, string | null>;
	cancelled_at: NullableTimestamp;
}

export interface ContactNotesTable {
	id: Generated<string>;
	contact_id: string;
	author_id: string | null;
	text: string;
	created_at: DefaultedTimestamp;
}

export interface CallingWindowsTable {
	id: Generated<string>;
	/** Null: the installation's default hours. */
	campaign_id: string | null;
	weekday: number;
	/** 'HH:MM:SS' as PostgreSQL writes a time. */
	starts: string;
	ends: string;
}

export interface CallingBlackoutsTable {
	id: Generated<string>;
	campaign_id: string | null;
	/** Date: select as text. */
	day: string;
}

// Follow-up cases (migration 0030).
type NullableText = ColumnType<string | null, string | null | undefined, string | null>;

export interface FollowUpTeamsTable {
	id: Generated<string>;
	name: string;
	lead_id: NullableText;
	created_at: DefaultedTimestamp;
}

export interface FollowUpTeamMembersTable {
	team_id: string;
	user_id: string;
	last_assigned_at: NullableTimestamp;
}

export interface FollowUpRoutesTable {
	cause: ChurnCause;
	team_id: string;
	assignment: Generated<AssignmentMode>;
	first_action_hours: Generated<number>;
	resolve_hours: Generated<number>;
}

export interface FollowUpQuestionnaireSettingsTable {
	questionnaire_id: string;
	enabled: Generated<boolean>;
	rating_at_most: ColumnType<number | null, number | null | undefined, number | null>;
	nps_detractors: Generated<boolean>;
}

export interface FollowUpsTable {
	id: Generated<string>;
	response_id: string;
	questionnaire_id: string;
	contact_id: NullableText;
	campaign_id: NullableText;
	first_agent_id: NullableText;
	cause: ChurnCause;
	tier: NullableText;
	team_id: NullableText;
	owner_id: NullableText;
	state: Generated<CaseState>;
	opened_at: Timestamp;
	first_action_due: Timestamp;
	resolve_due: Timestamp;
	first_action_at: NullableTimestamp;
	resolved_at: NullableTimestamp;
	informed_at: NullableTimestamp;
	closed_at: NullableTimestamp;
	reopen_count: Generated<number>;
	escalation: Generated<number>;
	/** The time of the latest timeline entry (migration 0063), for the API's "updated since". */
	updated_at: DefaultedTimestamp;
}

export interface FollowUpItemsTable {
	id: Generated<string>;
	follow_up_id: string;
	position: number;
	question_id: string;
	kind: 'key' | 'rating' | 'nps';
	cause: ChurnCause;
	question_text: Json<Record<string, string>>;
	prepared_response: ColumnType<Record<string, string> | null, string | null, string | null>;
	answer_number: ColumnType<number | null, number | null | undefined, number | null>;
	why_text: NullableText;
	note: NullableText;
}

export interface FollowUpEventsTable {
	id: Generated<string>;
	follow_up_id: string;
	at: Timestamp;
	user_id: NullableText;
	kind: string;
	body: NullableText;
	detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface FollowUpCallNotesTable {
	response_id: string;
	question_id: string;
	note: string;
}

export interface FollowUpVerificationsTable {
	id: Generated<string>;
	follow_up_id: string;
	due_at: Timestamp;
	claimed_by: NullableText;
	claimed_at: NullableTimestamp;
	completed_at: NullableTimestamp;
	outcome: ColumnType<'verified' | 'reopened' | 'cancelled' | null, 'verified' | 'reopened' | 'cancelled' | null | undefined, 'verified' | 'reopened' | 'cancelled' | null>;
	answers: ColumnType<Record<string, boolean> | null, string | null | undefined, string | null>;
	words: NullableText;
}

export interface FollowUpSignoffsTable {
	/** Date: select as text. */
	day: string;
	signed_by: NullableText;
	signed_at: Timestamp;
	comment: string;
}

/** Responses not yet counted in the rollups (migration 0048). */
export interface AnalyticsRollupPendingTable {
	response_id: string;
	queued_at: Generated<Date>;
}

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

type Sum = ColumnType<string, number | string, number | string>;

/** Per-response score sums per day and slice (migration 0041), in the cuboids of `analytics_rollups`. */
export interface AnalyticsScoreRollupsTable {
	questionnaire_id: string;
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
	responses: Sum;
	key_yes: Sum;
	key_total: Sum;
	rating_n: Sum;
	rating_sum: Sum;
	rating_squares: Sum;
	nps_n: Sum;
	promoters: Sum;
	detractors: Sum;
}
