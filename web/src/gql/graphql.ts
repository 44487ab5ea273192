/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Date (isoformat) */
  Date: { input: string; output: string; }
  /** Date with time (isoformat) */
  DateTime: { input: string; output: string; }
  /** Decimal (fixed-point) */
  Decimal: { input: any; output: any; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** Represents a file upload. */
  Upload: { input: File; output: File; }
};

export type AddServiceInput = {
  customerId: Scalars['ID']['input'];
  /** Any viewer: retries with the same key return the first service (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  supportLevelId: Scalars['ID']['input'];
};

/** Something an agent is told about, as it happens. */
export type AgentNotification = {
  __typename?: 'AgentNotification';
  actorName: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  eventId: Scalars['ID']['output'];
  kind: AgentNotificationKind;
  ticket?: Maybe<Ticket>;
};

/** What an agent is told about: a new ticket in their departments, a customer replying on their or a watched ticket, a mention (@name) in an internal note, an assignment to them, an SLA warning or breach on their or a watched ticket. */
export type AgentNotificationKind =
  | 'ASSIGNED'
  | 'CUSTOMER_REPLIED'
  | 'MENTIONED'
  | 'NEW_TICKET'
  | 'SLA_ALERT';

/** The answers about one agent's tickets. */
export type AgentSatisfactionRow = {
  __typename?: 'AgentSatisfactionRow';
  /** The ticket's assignee when it was rated (null: unassigned). */
  agent?: Maybe<Staff>;
  counts: SatisfactionCounts;
};

/** A maintenance or incident notice, in Spanish and English. */
export type Announcement = Node & {
  __typename?: 'Announcement';
  /** The services it concerns: all for staff, a customer's own for them. */
  affectedServices: Array<Service>;
  bodyEn: Scalars['String']['output'];
  bodyEs: Scalars['String']['output'];
  endsAt?: Maybe<Scalars['DateTime']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** For everyone, not only affected customers. */
  isPublic: Scalars['Boolean']['output'];
  kind: AnnouncementKind;
  /** Null while it is a draft. */
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  severity: AnnouncementSeverity;
  startsAt: Scalars['DateTime']['output'];
  titleEn: Scalars['String']['output'];
  titleEs: Scalars['String']['output'];
  /** Whether it is happening now, not only announced. */
  underWay: Scalars['Boolean']['output'];
};

export type AnnouncementChange =
  | 'ENDED'
  | 'PUBLISHED';

/** An announcement published or ended, as it happens. */
export type AnnouncementEvent = {
  __typename?: 'AnnouncementEvent';
  announcement: Announcement;
  change: AnnouncementChange;
};

export type AnnouncementInput = {
  bodyEn?: Scalars['String']['input'];
  bodyEs?: Scalars['String']['input'];
  endsAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Any viewer: retries with the same key return the first announcement (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  isPublic?: Scalars['Boolean']['input'];
  kind: AnnouncementKind;
  serviceIds?: Array<Scalars['ID']['input']>;
  severity: AnnouncementSeverity;
  startsAt: Scalars['DateTime']['input'];
  titleEn: Scalars['String']['input'];
  titleEs: Scalars['String']['input'];
};

export type AnnouncementKind =
  | 'INCIDENT'
  | 'MAINTENANCE';

export type AnnouncementResult = AnnouncementSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type AnnouncementSeverity =
  | 'CRITICAL'
  | 'INFO'
  | 'WARNING';

export type AnnouncementSuccess = {
  __typename?: 'AnnouncementSuccess';
  announcement: Announcement;
};

export type ApplyMacroInput = {
  /** The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  macroId: Scalars['ID']['input'];
  ticketId: Scalars['ID']['input'];
};

export type ApplyMacroResult = ApplyMacroSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type ApplyMacroSuccess = {
  __typename?: 'ApplyMacroSuccess';
  ticket: Ticket;
};

/** A help article: published ones are readable without signing in. */
export type Article = Node & {
  __typename?: 'Article';
  appliesTo: Scalars['String']['output'];
  /** The body rendered to sanitised HTML. */
  bodyHtml: Scalars['String']['output'];
  bodyMarkdown: Scalars['String']['output'];
  category?: Maybe<Category>;
  createdAt: Scalars['DateTime']['output'];
  difficulty: Difficulty;
  /** "Was this helpful?" yes answers; staff only. */
  helpfulCount?: Maybe<Scalars['Int']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  language: Language;
  /** "Was this helpful?" no answers; staff only. */
  notHelpfulCount?: Maybe<Scalars['Int']['output']>;
  publishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The article's stable address. */
  slug: Scalars['String']['output'];
  /** The resolved ticket this article documents; staff only. */
  sourceTicket?: Maybe<Ticket>;
  status: ArticleStatus;
  summary: Scalars['String']['output'];
  timeNeededMinutes?: Maybe<Scalars['Int']['output']>;
  title: Scalars['String']['output'];
  toolsRequired: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of a list, with the cursors to go on. */
export type ArticleConnection = {
  __typename?: 'ArticleConnection';
  /** Contains the nodes in this connection */
  edges: Array<ArticleEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
  /** How many items the whole list holds, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type ArticleEdge = {
  __typename?: 'ArticleEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Article;
};

/** An article's text and seed 003's metadata. */
export type ArticleInput = {
  appliesTo?: Scalars['String']['input'];
  bodyMarkdown: Scalars['String']['input'];
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  difficulty?: Difficulty;
  /** Any viewer: retries with the same key return the first article (createArticle only) (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  language: Language;
  summary?: Scalars['String']['input'];
  timeNeededMinutes?: InputMaybe<Scalars['Int']['input']>;
  title: Scalars['String']['input'];
  toolsRequired?: Scalars['String']['input'];
};

export type ArticleResult = ArticleSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

/** Drafts are for staff; published is public. */
export type ArticleStatus =
  | 'DRAFT'
  | 'PUBLISHED';

export type ArticleSuccess = {
  __typename?: 'ArticleSuccess';
  article: Article;
};

export type AssignTicketInput = {
  /** Leave empty to unassign. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  ticketId: Scalars['ID']['input'];
};

export type AssignTicketResult = AssignTicketSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type AssignTicketSuccess = {
  __typename?: 'AssignTicketSuccess';
  ticket: Ticket;
};

/** Assign to whoever applies the changes, to nobody, or to the staff member named. */
export type AssignTo =
  | 'ME'
  | 'NOBODY'
  | 'STAFF';

/** How a department's new tickets get an agent. */
export type AssignmentMode =
  | 'LEAST_OPEN'
  | 'OFF'
  | 'ROUND_ROBIN';

/** A file attached to a message. */
export type Attachment = Node & {
  __typename?: 'Attachment';
  /** The type sniffed from the content, once checked. */
  contentType?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** The type the sender claimed; untrusted. */
  declaredType: Scalars['String']['output'];
  /** A STORED file's download link, for this session only and for MESA_DOWNLOAD_LINK_SECONDS: usable as <img src> or <a download>, no header needed. */
  downloadUrl?: Maybe<Scalars['String']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** A safe display name derived from the sender's. */
  name: Scalars['String']['output'];
  /** Why the file was refused (Spanish and English). */
  rejectionReason?: Maybe<Scalars['String']['output']>;
  sha256?: Maybe<Scalars['String']['output']>;
  /** Bytes. */
  size: Scalars['Int']['output'];
  state: AttachmentState;
};

/** PENDING while a worker checks the file, then STORED or REJECTED. */
export type AttachmentState =
  | 'PENDING'
  | 'REJECTED'
  | 'STORED';

/** One administrative change: who, what, before and after. */
export type AuditEntry = Node & {
  __typename?: 'AuditEntry';
  /** entity.verb, e.g. support_level.create. */
  action: Scalars['String']['output'];
  /** The staff member, or the command (mesa apply-config) that made it. */
  actorName: Scalars['String']['output'];
  actorStaffId?: Maybe<Scalars['ID']['output']>;
  /** Changed values after; null: removed. */
  after?: Maybe<Scalars['JSON']['output']>;
  /** Changed values before; null: created. */
  before?: Maybe<Scalars['JSON']['output']>;
  createdAt: Scalars['DateTime']['output'];
  entity: Scalars['String']['output'];
  entityId?: Maybe<Scalars['Int']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
};

/** A connection to a list of items. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** Contains the nodes in this connection */
  edges: Array<AuditEntryEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: AuditEntry;
};

export type AuthorKind =
  | 'AGENT'
  | 'CUSTOMER'
  | 'GUEST'
  | 'PARTNER'
  | 'SYSTEM';

/** A department's automatic assignment (admins). */
export type AutoAssignment = {
  __typename?: 'AutoAssignment';
  department: Department;
  mode: AssignmentMode;
};

/** The desk's automation settings (admins). */
export type AutomationSettings = {
  __typename?: 'AutomationSettings';
  updatedAt: Scalars['DateTime']['output'];
  /** Private or loopback networks webhooks may reach all the same (CIDR). */
  webhookAllowedNetworks: Array<Scalars['String']['output']>;
};

/** A blocked sender: one address, or a whole domain. */
export type BlockKind =
  | 'ADDRESS'
  | 'DOMAIN';

export type BlockSenderInput = {
  /** One address. */
  address?: InputMaybe<Scalars['String']['input']>;
  /** Every address of the domain and its subdomains. */
  domain?: InputMaybe<Scalars['String']['input']>;
  reason: Scalars['String']['input'];
};

export type BlockSenderResult = BlockSenderSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type BlockSenderSuccess = {
  __typename?: 'BlockSenderSuccess';
  blockedSender: BlockedSender;
};

/** An address or a domain (with its subdomains) whose mail is dropped before it becomes a ticket, and whose guests cannot open web tickets. */
export type BlockedSender = Node & {
  __typename?: 'BlockedSender';
  /** The address, or the domain alone. */
  address: Scalars['String']['output'];
  /** Who blocked it (null once they are removed). */
  blockedBy?: Maybe<Staff>;
  createdAt: Scalars['DateTime']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  kind: BlockKind;
  reason: Scalars['String']['output'];
};

/** A page of a list, with the cursors to go on. */
export type BlockedSenderConnection = {
  __typename?: 'BlockedSenderConnection';
  /** Contains the nodes in this connection */
  edges: Array<BlockedSenderEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
  /** How many items the whole list holds, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type BlockedSenderEdge = {
  __typename?: 'BlockedSenderEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: BlockedSender;
};

export type BulkTicketOutcome = BulkTicketUpdated | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

/** What became of one ticket of a bulk update. */
export type BulkTicketResult = {
  __typename?: 'BulkTicketResult';
  outcome: BulkTicketOutcome;
  /** As it was given. */
  ticketId: Scalars['ID']['output'];
};

/** One ticket of a bulk update: changed. */
export type BulkTicketUpdated = {
  __typename?: 'BulkTicketUpdated';
  ticket: Ticket;
};

export type BulkUpdateTicketsInput = {
  /** The changes; or give a macro. */
  changes?: InputMaybe<TicketChangesInput>;
  macroId?: InputMaybe<Scalars['ID']['input']>;
  /** 1 to 100 tickets. */
  ticketIds: Array<Scalars['ID']['input']>;
};

export type BulkUpdateTicketsResult = BulkUpdateTicketsSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type BulkUpdateTicketsSuccess = {
  __typename?: 'BulkUpdateTicketsSuccess';
  /** One per ticket, in order. */
  results: Array<BulkTicketResult>;
  /** How many tickets were changed. */
  updated: Scalars['Int']['output'];
};

/** Opening hours of a support team, minus its holidays. */
export type BusinessCalendar = Node & {
  __typename?: 'BusinessCalendar';
  holidayCountry?: Maybe<Scalars['String']['output']>;
  /** Custom holidays (the country's public ones are implied). */
  holidays: Array<CalendarHoliday>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  timezone: Scalars['String']['output'];
  weeklyHours: Array<OpeningWindow>;
};

/** A custom date a calendar is closed on. */
export type CalendarHoliday = {
  __typename?: 'CalendarHoliday';
  date: Scalars['Date']['output'];
  name: Scalars['String']['output'];
};

/** A reply kept ready (Spanish and English). Placeholders: {{ customer_name }}, {{ tracking_id }}, {{ agent_name }}, {{ ticket_subject }}, {{ sla_due_at }}. */
export type CannedResponse = {
  __typename?: 'CannedResponse';
  bodyEn: Scalars['String']['output'];
  bodyEs: Scalars['String']['output'];
  /** The department it is for; null for every department. */
  department?: Maybe<Department>;
  id: Scalars['ID']['output'];
  /** Only its owner sees and uses it. */
  personal: Scalars['Boolean']['output'];
  /** The body for a ticket: in its requester's language, placeholders filled in. */
  rendered: Scalars['String']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};


/** A reply kept ready (Spanish and English). Placeholders: {{ customer_name }}, {{ tracking_id }}, {{ agent_name }}, {{ ticket_subject }}, {{ sla_due_at }}. */
export type CannedResponseRenderedArgs = {
  ticketId: Scalars['ID']['input'];
};

/** A case type; it carries the impact a ticket starts with. */
export type Category = Node & {
  __typename?: 'Category';
  code: Scalars['String']['output'];
  defaultImpact: Impact;
  department: Department;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  nameEs: Scalars['String']['output'];
};

export type CategoryInput = {
  /** Set to change an existing category. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Required to create. */
  code?: InputMaybe<Scalars['String']['input']>;
  defaultImpact: Impact;
  departmentId: Scalars['ID']['input'];
  /** Any viewer: retries with the same key return the first category (when creating one) (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  nameEs: Scalars['String']['input'];
};

export type CategoryResult = CategorySuccess | ConflictError | NotAllowedError | NotFoundError | ValidationError;

export type CategorySuccess = {
  __typename?: 'CategorySuccess';
  category: Category;
};

export type ChangePasswordResult = ChangePasswordSuccess | InvalidCredentialsError | NotAllowedError | RateLimitedError | ValidationError;

export type ChangePasswordSuccess = {
  __typename?: 'ChangePasswordSuccess';
  message: Scalars['String']['output'];
};

/** Where a ticket or message came from. */
export type Channel =
  | 'API'
  | 'CHAT'
  | 'EMAIL'
  | 'PHONE'
  | 'WEB';

/** When a support level's channel is open. */
export type ChannelCondition =
  | 'ALWAYS'
  | 'BUSINESS_HOURS'
  | 'EXISTING_TICKET';

/** The customer's support level does not include this channel. */
export type ChannelNotIncludedError = UserError & {
  __typename?: 'ChannelNotIncludedError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** The name of the lowest support level that includes the channel. */
  lowestLevel?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

/** A channel a support level includes, and when it is open. */
export type ChannelRule = {
  __typename?: 'ChannelRule';
  channel: Channel;
  condition: ChannelCondition;
};

export type ChannelRuleInput = {
  channel: Channel;
  condition?: ChannelCondition;
};

export type CloseTicketResult = CloseTicketSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type CloseTicketSuccess = {
  __typename?: 'CloseTicketSuccess';
  ticket: Ticket;
};

export type ConfirmGuestTicketResult = ConfirmGuestTicketSuccess | NotFoundError | ValidationError;

export type ConfirmGuestTicketSuccess = {
  __typename?: 'ConfirmGuestTicketSuccess';
  /** The pass that opens the ticket (as guestAccess would give). */
  guestPass: LoginSuccess;
  ticket: Ticket;
};

export type ConflictError = UserError & {
  __typename?: 'ConflictError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

export type CreateCustomerInput = {
  clientNumber: Scalars['String']['input'];
  email: Scalars['String']['input'];
  /** Any viewer: retries with the same key return the first customer (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  language?: Language;
  name: Scalars['String']['input'];
  /** Leave empty: the customer sets one by password recovery. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Mail the client number and a single-use link to set the password. */
  sendWelcome?: Scalars['Boolean']['input'];
};

export type CreatePartnerKeyInput = {
  /** Any viewer: retries with the same key return the first key (without its secret) (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  partnerId: Scalars['ID']['input'];
  requestsPerMinute?: Scalars['Int']['input'];
  /** Any of tickets:read, tickets:write, customers:write. */
  scopes: Array<Scalars['String']['input']>;
};

export type CreatePartnerKeyResult = ConflictError | CreatePartnerKeySuccess | NotAllowedError | NotFoundError | ValidationError;

export type CreatePartnerKeySuccess = {
  __typename?: 'CreatePartnerKeySuccess';
  apiKey: PartnerKey;
  /** The API key. Shown this once; store it safely. Null when the create was retried with its idempotency key: the secret is not kept, so a client that lost the first answer revokes this key (apiKey) and creates another. */
  key?: Maybe<Scalars['String']['output']>;
};

export type CreatePartnerResult = ConflictError | CreatePartnerSuccess | NotAllowedError | NotFoundError | ValidationError;

export type CreatePartnerSuccess = {
  __typename?: 'CreatePartnerSuccess';
  name: Scalars['String']['output'];
  partnerId: Scalars['ID']['output'];
};

export type CreateStaffInput = {
  departmentIds: Array<Scalars['ID']['input']>;
  email: Scalars['String']['input'];
  /** Any viewer: retries with the same key return the first staff member (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  language?: Language;
  name: Scalars['String']['input'];
  password: Scalars['String']['input'];
  role: StaffRole;
};

export type CreateSupportLevelInput = {
  /** Where its business-hours targets are counted. */
  calendarId?: InputMaybe<Scalars['ID']['input']>;
  channels: Array<ChannelRuleInput>;
  code: Scalars['String']['input'];
  /** ISO 4217, e.g. COP. */
  currency?: InputMaybe<Scalars['String']['input']>;
  description?: Scalars['String']['input'];
  /** Any viewer: retries with the same key return the first support level (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Monthly price before taxes; give currency with it. */
  monthlyPrice?: InputMaybe<Scalars['Decimal']['input']>;
  name: Scalars['String']['input'];
  rank: Scalars['Int']['input'];
};

export type CreateSupportLevelResult = ConflictError | CreateSupportLevelSuccess | NotAllowedError | NotFoundError | ValidationError;

export type CreateSupportLevelSuccess = {
  __typename?: 'CreateSupportLevelSuccess';
  supportLevel: SupportLevel;
};

export type CreateTicketInput = {
  /** Number of the existing ticket a contact is about (phone at Nivel 1). */
  aboutTicket?: InputMaybe<Scalars['Int']['input']>;
  /** Files, sent as a GraphQL multipart request with the bearer token. */
  attachments?: InputMaybe<Array<Scalars['Upload']['input']>>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  channel?: InputMaybe<Channel>;
  /** Values of the custom fields that apply to the department or category (customFields query), by key; required ones must be given. */
  customFields?: InputMaybe<Array<CustomFieldValueInput>>;
  /** Staff only: the customer a ticket is opened for. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Without a token: the guest opening the ticket. The tracking ID is mailed to them and a guest pass returned; files follow with replyToTicket. */
  guest?: InputMaybe<GuestInput>;
  /** Bind a form field hidden from people: filled in, the request is refused. */
  honeypot?: InputMaybe<Scalars['String']['input']>;
  /** Any viewer: retries with the same key return the first ticket (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  message: Scalars['String']['input'];
  /** Proposed priority; use HIGH only for critical cases. */
  priority?: Impact;
  serviceId?: InputMaybe<Scalars['ID']['input']>;
  subject: Scalars['String']['input'];
};

export type CreateTicketResult = ChannelNotIncludedError | ConflictError | CreateTicketSuccess | FileTooLargeError | InvalidTransitionError | NotAllowedError | NotFoundError | RateLimitedError | ValidationError;

export type CreateTicketSuccess = {
  __typename?: 'CreateTicketSuccess';
  /** A guest's ticket from a new address (MESA_GUEST_CONFIRMATION): held out of the queue, with no pass, until the guest follows the link mailed to the address (confirmGuestTicket). */
  awaitingConfirmation: Scalars['Boolean']['output'];
  /** A guest's ticket: the pass that opens it (as guestAccess would give). */
  guestPass?: Maybe<LoginSuccess>;
  ticket: Ticket;
};

/** A typed ticket field beyond the built-in ones, for every ticket or those of one department or category. */
export type CustomField = {
  __typename?: 'CustomField';
  /** Only tickets of this category. */
  categoryId?: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** Only tickets of this department (null with categoryId: every ticket). */
  departmentId?: Maybe<Scalars['ID']['output']>;
  /** The help text in the viewer's language. */
  help: Scalars['String']['output'];
  helpEn: Scalars['String']['output'];
  helpEs: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Retired fields are off forms; tickets keep their values. */
  isActive: Scalars['Boolean']['output'];
  /** Stable: values, filters and triggers name it. */
  key: Scalars['String']['output'];
  /** The label in the viewer's language. */
  label: Scalars['String']['output'];
  labelEn: Scalars['String']['output'];
  labelEs: Scalars['String']['output'];
  /** SELECT fields' choices. */
  options: Array<CustomFieldOption>;
  position: Scalars['Int']['output'];
  /** A new ticket it applies to must have it (STAFF ones: when staff open it). */
  required: Scalars['Boolean']['output'];
  type: CustomFieldType;
  updatedAt: Scalars['DateTime']['output'];
  visibility: CustomFieldVisibility;
};

/** Tickets whose value of a custom field equals a value, and/or lies in a range (numbers and dates, both ends included). */
export type CustomFieldCondition = {
  atLeast?: InputMaybe<Scalars['JSON']['input']>;
  atMost?: InputMaybe<Scalars['JSON']['input']>;
  equals?: InputMaybe<Scalars['JSON']['input']>;
  key: Scalars['String']['input'];
};

/** A custom field condition of a saved view. */
export type CustomFieldConditionView = {
  __typename?: 'CustomFieldConditionView';
  atLeast?: Maybe<Scalars['JSON']['output']>;
  atMost?: Maybe<Scalars['JSON']['output']>;
  equals?: Maybe<Scalars['JSON']['output']>;
  key: Scalars['String']['output'];
};

/** One choice of a SELECT field. */
export type CustomFieldOption = {
  __typename?: 'CustomFieldOption';
  key: Scalars['String']['output'];
  /** The label in the viewer's language. */
  label: Scalars['String']['output'];
  labelEn: Scalars['String']['output'];
  labelEs: Scalars['String']['output'];
};

/** One choice of a SELECT field. */
export type CustomFieldOptionInput = {
  /** Lower-case letters, digits and _: what is stored. */
  key: Scalars['String']['input'];
  labelEn: Scalars['String']['input'];
  labelEs: Scalars['String']['input'];
};

/** What a custom field holds: TEXT, NUMBER, DATE (YYYY-MM-DD), SELECT (one option's key) or CHECKBOX (true or false). */
export type CustomFieldType =
  | 'CHECKBOX'
  | 'DATE'
  | 'NUMBER'
  | 'SELECT'
  | 'TEXT';

/** A custom field's value, by the field's key. */
export type CustomFieldValueInput = {
  key: Scalars['String']['input'];
  /** Text, a number, a date (YYYY-MM-DD), an option's key, or true/false; null clears it. */
  value?: InputMaybe<Scalars['JSON']['input']>;
};

/** Who sees a custom field: CUSTOMERS (requesters see and fill it in) or STAFF. */
export type CustomFieldVisibility =
  | 'CUSTOMERS'
  | 'STAFF';

export type Customer = Node & {
  __typename?: 'Customer';
  clientNumber: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  language: Language;
  name: Scalars['String']['output'];
  services: Array<Service>;
};

/** A page of a list, with the cursors to go on. */
export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  /** Contains the nodes in this connection */
  edges: Array<CustomerEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
  /** How many items the whole list holds, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type CustomerEdge = {
  __typename?: 'CustomerEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Customer;
};

export type CustomerResult = ConflictError | CustomerSuccess | NotAllowedError | NotFoundError | ValidationError;

export type CustomerSuccess = {
  __typename?: 'CustomerSuccess';
  customer: Customer;
};

export type DeleteCannedResponseResult = ConflictError | DeleteCannedResponseSuccess | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type DeleteCannedResponseSuccess = {
  __typename?: 'DeleteCannedResponseSuccess';
  cannedResponseId: Scalars['ID']['output'];
};

export type DeleteCustomFieldResult = ConflictError | DeleteCustomFieldSuccess | NotAllowedError | NotFoundError | ValidationError;

export type DeleteCustomFieldSuccess = {
  __typename?: 'DeleteCustomFieldSuccess';
  customFieldId: Scalars['ID']['output'];
};

export type DeleteMacroResult = ConflictError | DeleteMacroSuccess | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type DeleteMacroSuccess = {
  __typename?: 'DeleteMacroSuccess';
  macroId: Scalars['ID']['output'];
};

export type DeleteTicketResult = ConflictError | DeleteTicketSuccess | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type DeleteTicketSuccess = {
  __typename?: 'DeleteTicketSuccess';
  number: Scalars['Int']['output'];
  ticketId: Scalars['ID']['output'];
  trackingId: Scalars['String']['output'];
};

export type DeleteTicketViewResult = ConflictError | DeleteTicketViewSuccess | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type DeleteTicketViewSuccess = {
  __typename?: 'DeleteTicketViewSuccess';
  ticketViewId: Scalars['ID']['output'];
};

export type DeleteTimeRuleResult = ConflictError | DeleteTimeRuleSuccess | NotAllowedError | NotFoundError | ValidationError;

export type DeleteTimeRuleSuccess = {
  __typename?: 'DeleteTimeRuleSuccess';
  timeRuleId: Scalars['ID']['output'];
};

export type DeleteTriggerResult = ConflictError | DeleteTriggerSuccess | NotAllowedError | NotFoundError | ValidationError;

export type DeleteTriggerSuccess = {
  __typename?: 'DeleteTriggerSuccess';
  triggerId: Scalars['ID']['output'];
};

export type DeleteWebhookResult = ConflictError | DeleteWebhookSuccess | NotAllowedError | NotFoundError | ValidationError;

export type DeleteWebhookSuccess = {
  __typename?: 'DeleteWebhookSuccess';
  webhookId: Scalars['ID']['output'];
};

export type Department = Node & {
  __typename?: 'Department';
  code: Scalars['String']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  nameEs: Scalars['String']['output'];
  /** Appended to emailed replies in English (staff only). */
  signatureEn?: Maybe<Scalars['String']['output']>;
  /** Appended to emailed replies in Spanish (staff only). */
  signatureEs?: Maybe<Scalars['String']['output']>;
};

export type DepartmentResult = ConflictError | DepartmentSuccess | NotAllowedError | NotFoundError | ValidationError;

/** The answers about one department's tickets. */
export type DepartmentSatisfactionRow = {
  __typename?: 'DepartmentSatisfactionRow';
  counts: SatisfactionCounts;
  department: Department;
};

export type DepartmentSuccess = {
  __typename?: 'DepartmentSuccess';
  department: Department;
};

export type Difficulty =
  | 'EASY'
  | 'HARD'
  | 'MEDIUM';

export type DocumentTicketInput = {
  /** Defaults to the ticket's category. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  ticketId: Scalars['ID']['input'];
  /** Defaults to the subject. */
  title?: InputMaybe<Scalars['String']['input']>;
};

export type DocumentTicketResult = ConflictError | DocumentTicketSuccess | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type DocumentTicketSuccess = {
  __typename?: 'DocumentTicketSuccess';
  /** The new draft. */
  article: Article;
  ticket: Ticket;
};

export type ErrorCode =
  | 'CHANNEL_NOT_INCLUDED'
  | 'CONFLICT'
  | 'FILE_TOO_LARGE'
  | 'INVALID_CREDENTIALS'
  | 'INVALID_TRANSITION'
  | 'NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'RATING_WINDOW_EXPIRED'
  | 'REOPEN_WINDOW_EXPIRED'
  | 'UNAUTHENTICATED'
  | 'UNAVAILABLE'
  | 'VALIDATION';

export type EventKind =
  | 'ASSIGNED'
  | 'ATTACHMENT_CHANGED'
  | 'CATEGORY_CHANGED'
  | 'CONTACT_LOGGED'
  | 'CREATED'
  | 'CUSTOM_FIELDS_CHANGED'
  | 'DEPARTMENT_CHANGED'
  | 'IMPACT_CHANGED'
  | 'LINKED'
  | 'MARKED_SPAM'
  | 'MERGED'
  | 'MESSAGE_ADDED'
  | 'NOTE_ADDED'
  | 'SATISFACTION_RATED'
  | 'SLA_BREACHED'
  | 'SLA_WARNING'
  | 'SPLIT'
  | 'STATUS_CHANGED'
  | 'TAGS_CHANGED'
  | 'TIME_RULE_APPLIED'
  | 'TRIGGER_APPLIED'
  | 'UNMARKED_SPAM';

/** A notification whose delivery failed after every retry. */
export type FailedNotification = {
  __typename?: 'FailedNotification';
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  failedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  language: Scalars['String']['output'];
  lastError: Scalars['String']['output'];
  recipient: Scalars['String']['output'];
  ticketId?: Maybe<Scalars['ID']['output']>;
};

/** A file over the per-file or per-ticket size limit; none was kept. */
export type FileTooLargeError = UserError & {
  __typename?: 'FileTooLargeError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** The limit that was exceeded, in bytes. */
  maxBytes: Scalars['Float']['output'];
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

/** Where the changes leave the ticket, after the others. */
export type FinalStatus =
  | 'CLOSED'
  | 'RESOLVED';

/** A guest holding a pass for one ticket (tracking ID + email). */
export type Guest = {
  __typename?: 'Guest';
  name: Scalars['String']['output'];
  /** The one ticket this pass opens. */
  ticket?: Maybe<Ticket>;
};

/** Who opens a ticket without an account (seed 002). */
export type GuestInput = {
  email: Scalars['String']['input'];
  /** The language of the mails about the ticket. */
  language?: Language;
  name: Scalars['String']['input'];
};

/** How much a case affects the service. */
export type Impact =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type InvalidCredentialsError = UserError & {
  __typename?: 'InvalidCredentialsError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

export type InvalidTransitionError = UserError & {
  __typename?: 'InvalidTransitionError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

export type Language =
  | 'EN'
  | 'ES';

export type LogContactInput = {
  channel: Channel;
  /** Any viewer: retries with the same key return the first entry (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  summary: Scalars['String']['input'];
  ticketId: Scalars['ID']['input'];
};

export type LogContactResult = ChannelNotIncludedError | ConflictError | InvalidTransitionError | LogContactSuccess | NotAllowedError | NotFoundError | ValidationError;

export type LogContactSuccess = {
  __typename?: 'LogContactSuccess';
  /** The internal entry with the summary. */
  contact: Message;
  ticket: Ticket;
};

export type LoginResult = InvalidCredentialsError | LoginSuccess | NotAllowedError | RateLimitedError | ValidationError;

export type LoginSuccess = {
  __typename?: 'LoginSuccess';
  expiresAt: Scalars['DateTime']['output'];
  token: Scalars['String']['output'];
  viewer: Viewer;
};

export type LogoutResult = LogoutSuccess | NotAllowedError;

export type LogoutSuccess = {
  __typename?: 'LogoutSuccess';
  message: Scalars['String']['output'];
};

/** Several changes to a ticket in one click (staff). */
export type Macro = {
  __typename?: 'Macro';
  actions: MacroActions;
  /** The department it is for; null for every department. */
  department?: Maybe<Department>;
  id: Scalars['ID']['output'];
  /** Only its owner sees and applies it. */
  personal: Scalars['Boolean']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** The changes a macro makes (see TicketChangesInput). */
export type MacroActions = {
  __typename?: 'MacroActions';
  addTags: Array<Scalars['String']['output']>;
  assignTo?: Maybe<AssignTo>;
  assigneeId?: Maybe<Scalars['ID']['output']>;
  cannedResponseId?: Maybe<Scalars['ID']['output']>;
  categoryId?: Maybe<Scalars['ID']['output']>;
  departmentId?: Maybe<Scalars['ID']['output']>;
  impact?: Maybe<Impact>;
  note?: Maybe<Scalars['String']['output']>;
  removeTags: Array<Scalars['String']['output']>;
  status?: Maybe<FinalStatus>;
};

export type MarkSpamResult = ConflictError | InvalidTransitionError | MarkSpamSuccess | NotAllowedError | NotFoundError | ValidationError;

export type MarkSpamSuccess = {
  __typename?: 'MarkSpamSuccess';
  ticket: Ticket;
};

export type MergeTicketsInput = {
  sourceTicketId: Scalars['ID']['input'];
  targetTicketId: Scalars['ID']['input'];
};

export type MergeTicketsResult = ConflictError | InvalidTransitionError | MergeTicketsSuccess | NotAllowedError | NotFoundError | ValidationError;

export type MergeTicketsSuccess = {
  __typename?: 'MergeTicketsSuccess';
  /** The ticket the other was merged into. */
  ticket: Ticket;
};

/** A reply in a ticket's thread, or an internal note (staff only). */
export type Message = Node & {
  __typename?: 'Message';
  /** Files attached to this message. */
  attachments: Array<Attachment>;
  authorKind: AuthorKind;
  authorName: Scalars['String']['output'];
  body: Scalars['String']['output'];
  channel: Channel;
  createdAt: Scalars['DateTime']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  internal: Scalars['Boolean']['output'];
  /** An email whose sender could not be verified (internal, for agents): not the requester's own words. */
  unverified: Scalars['Boolean']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Close a calendar on a custom date (admins). */
  addCalendarHoliday: SaveBusinessCalendarResult;
  /** Give a customer a service (admins; partners). */
  addService: ServiceResult;
  /** Staff log in with email and password. */
  agentLogin: LoginResult;
  /** Apply a macro to a ticket: every change or none, with the events and notifications of each. */
  applyMacro: ApplyMacroResult;
  assignTicket: AssignTicketResult;
  /** Block an address or a domain: its later mail is dropped with the reason recorded, its guests cannot open web tickets (staff). */
  blockSender: BlockSenderResult;
  /** The same changes, or a macro, on up to 100 tickets: one transaction and one typed result per ticket. */
  bulkUpdateTickets: BulkUpdateTicketsResult;
  /** Customers and staff change their password; other sessions end. */
  changePassword: ChangePasswordResult;
  /** Close a ticket (staff). The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  closeTicket: CloseTicketResult;
  /** Anyone with the link mailed to a guest whose ticket was held for confirmation (MESA_GUEST_CONFIRMATION): the ticket enters the queue and its tracking ID is mailed; the link works once. */
  confirmGuestTicket: ConfirmGuestTicketResult;
  /** Staff: write a maintenance or incident notice (a draft). */
  createAnnouncement: AnnouncementResult;
  /** Staff: write a new article, as a draft. */
  createArticle: ArticleResult;
  /** Add a customer (admins; partners with customers:write). */
  createCustomer: CustomerResult;
  /** Register a partner organisation (admins). */
  createPartner: CreatePartnerResult;
  /** Issue an API key for a partner (admins). */
  createPartnerKey: CreatePartnerKeyResult;
  /** Add a staff member (admins). */
  createStaff: StaffResult;
  /** Add a support level (admins); set targets with setSlaTarget. */
  createSupportLevel: CreateSupportLevelResult;
  createTicket: CreateTicketResult;
  /** Delete a canned response (its owner, or supervisors). */
  deleteCannedResponse: DeleteCannedResponseResult;
  /** Remove a custom field and every ticket's value of it (admins). */
  deleteCustomField: DeleteCustomFieldResult;
  /** Delete a macro (its owner, or supervisors). */
  deleteMacro: DeleteMacroResult;
  /** Delete a ticket for good with its messages, events and files, recorded in the audit log (admins). */
  deleteTicket: DeleteTicketResult;
  /** Delete a saved view (yours, or a shared one for admins). */
  deleteTicketView: DeleteTicketViewResult;
  /** Remove a time rule (admins). */
  deleteTimeRule: DeleteTimeRuleResult;
  /** Remove a trigger (admins). */
  deleteTrigger: DeleteTriggerResult;
  /** Remove a webhook and its deliveries. */
  deleteWebhook: DeleteWebhookResult;
  /** Staff: turn a resolved ticket into a draft article (subject, the agent's answer, category); the ticket links to it. */
  documentTicket: DocumentTicketResult;
  /** Staff: end a notice now (maintenance done, incident over). */
  endAnnouncement: AnnouncementResult;
  /** Guests open one ticket with its tracking ID and email. */
  guestAccess: LoginResult;
  /** Staff: log a call, chat or email exchange on a ticket, as an internal entry; the customer's support level must include the channel. */
  logContact: LogContactResult;
  /** Customers log in with client number and password. */
  login: LoginResult;
  /** End the session behind the current token. */
  logout: LogoutResult;
  /** Mark a ticket spam: out of every view, count, search and SLA report, no SLA alert; with blockSender, its requester's address is blocked too (staff of its department). */
  markSpam: MarkSpamResult;
  /** Merge a duplicate into another ticket (staff). */
  mergeTickets: MergeTicketsResult;
  /** Staff: publish a notice to the customers it concerns. */
  publishAnnouncement: AnnouncementResult;
  /** Staff: publish an article, readable without signing in. */
  publishArticle: ArticleResult;
  /** Rate a resolved or closed ticket: good, neutral or bad, with an optional comment (left out: the earlier one stays; blank: removed). With the `token` of the link mailed at resolution, no login is needed (guests); logged in, a customer or guest names their own ticket by `ticketId`. One answer per ticket, changeable for 7 days after the first one (then RATING_WINDOW_EXPIRED). */
  rateTicket: RateTicketResult;
  /** Email the tracking IDs of an address's tickets to it. */
  remindTrackingIds: RemindTrackingIdsResult;
  /** Remove a custom holiday from a calendar (admins). */
  removeCalendarHoliday: SaveBusinessCalendarResult;
  /** Reopen a resolved or closed ticket. The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  reopenTicket: ReopenTicketResult;
  /** A reply, or an internal note for staff. */
  replyToTicket: ReplyToTicketResult;
  /** Agents: tell the others on a ticket's page you are typing (repeat it every few seconds while you type), or that you stopped. */
  reportPresence: ReportPresenceResult;
  /** Customers: email a single-use code to reset the password. */
  requestPasswordReset: RequestPasswordResetResult;
  /** Staff: email a single-use code to reset the password. */
  requestStaffPasswordReset: RequestPasswordResetResult;
  /** Send a delivery again now, with the same delivery id. */
  resendWebhookDelivery: ResendWebhookDeliveryResult;
  /** Set a new password with the emailed code; ends sessions. */
  resetPassword: ResetPasswordResult;
  /** Mark a ticket resolved (its customer or staff). The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  resolveTicket: ResolveTicketResult;
  /** Revoke a partner's API key at once (admins). */
  revokePartnerKey: RevokePartnerKeyResult;
  /** Give a webhook a new secret (shown once); the old one also signs for MESA_WEBHOOK_PREVIOUS_SECRET_HOURS. */
  rotateWebhookSecret: RotateWebhookSecretResult;
  /** Create or change a business calendar (admins). */
  saveBusinessCalendar: SaveBusinessCalendarResult;
  /** Create or change a canned response (staff). */
  saveCannedResponse: SaveCannedResponseResult;
  /** Create a category, or change one (admins). */
  saveCategory: CategoryResult;
  /** Create or change a custom field (admins). Retire it with isActive false (tickets keep their values) or delete it with deleteCustomField. */
  saveCustomField: SaveCustomFieldResult;
  /** Create a department, or rename one (admins). */
  saveDepartment: DepartmentResult;
  /** Create or change a macro (staff; shared ones: supervisors). */
  saveMacro: SaveMacroResult;
  /** Set your own signature, or a department's (admins), in Spanish and English. Placeholders: {{ agent_name }}, {{ department_name }}. */
  saveSignature: SaveSignatureResult;
  /** Save a ticket view: your own, or a shared one (admins). */
  saveTicketView: SaveTicketViewResult;
  /** Create or change a time rule (admins); it is planned for the tickets already in its status. */
  saveTimeRule: SaveTimeRuleResult;
  /** Create or change a trigger (admins). */
  saveTrigger: SaveTriggerResult;
  /** Create or change a webhook (admins; partners their own, for their customers' tickets). The secret is returned once, on creation. */
  saveWebhook: SaveWebhookResult;
  /** The business calendar an agent works by (null: always); automatic assignment skips them outside it (admins). */
  setAgentHours: SetAgentHoursResult;
  /** How a department's new tickets get an agent: OFF, ROUND_ROBIN or LEAST_OPEN (admins). */
  setAutoAssignment: SetAutoAssignmentResult;
  /** Mark yourself (or, for admins, anyone) away or back: away staff are skipped by automatic assignment and shown as away on their tickets. */
  setAway: SetAwayResult;
  /** Retire a category, or bring it back (admins). */
  setCategoryActive: SetCategoryActiveResult;
  /** Retire a department, or bring it back (admins). */
  setDepartmentActive: SetDepartmentActiveResult;
  /** Create or change a support level's target (admins). */
  setSlaTarget: SetSlaTargetResult;
  /** Retire a support level, or bring it back (admins). */
  setSupportLevelActive: SetSupportLevelActiveResult;
  /** Count a level's business hours in a calendar (null: none) (admins). */
  setSupportLevelCalendar: SetSupportLevelCalendarResult;
  /** Change some of a ticket's custom field values (staff of its department), checked as on creation; recorded in its history. */
  setTicketCustomFields: SetTicketCustomFieldsResult;
  /** Replace a ticket's tags (staff of its department). */
  setTicketTags: SetTicketTagsResult;
  /** Pause or resume a time rule (admins). */
  setTimeRuleActive: SetTimeRuleActiveResult;
  /** Pause or resume a trigger (admins). */
  setTriggerActive: SetTriggerActiveResult;
  /** Make a copy of a message the first message of a new ticket of the same requester, department, category and service, linked both ways (staff of its department). */
  splitTicket: SplitTicketResult;
  /** Set impact, department and category (staff). */
  triageTicket: TriageTicketResult;
  /** Lift a block (who blocked it, supervisors and admins). */
  unblockSender: UnblockSenderResult;
  /** Put a spam ticket back in the status it had; its SLA resumes, the time as spam counted as a pause (staff of its department). */
  unmarkSpam: UnmarkSpamResult;
  /** Staff: take an article back to draft. */
  unpublishArticle: ArticleResult;
  /** Stop following a ticket. */
  unwatchTicket: WatchTicketResult;
  /** Staff: rewrite an article (its slug stays). */
  updateArticle: ArticleResult;
  /** Change the desk's automation settings (admins). */
  updateAutomationSettings: UpdateAutomationSettingsResult;
  /** Change a customer's details or status (admins). */
  updateCustomer: CustomerResult;
  /** Choose what you are told about live, by email, or both (agents); a list left out stays as it was. */
  updateNotificationPreferences: UpdateNotificationPreferencesResult;
  /** Rename, re-level or end a service (admins). */
  updateService: ServiceResult;
  /** Change a staff member's role, departments, status. */
  updateStaff: StaffResult;
  /** Change a support level and its channels (admins). */
  updateSupportLevel: SupportLevelResult;
  /** "Was this helpful?": one answer per person, guest pass or, without signing in, per sessionId (a random id the client keeps); answering again changes it. */
  voteArticle: VoteArticleResult;
  /** Follow a ticket: be told when its customer replies. */
  watchTicket: WatchTicketResult;
};


export type MutationAddCalendarHolidayArgs = {
  calendarId: Scalars['ID']['input'];
  date: Scalars['Date']['input'];
  name: Scalars['String']['input'];
};


export type MutationAddServiceArgs = {
  input: AddServiceInput;
};


export type MutationAgentLoginArgs = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationApplyMacroArgs = {
  input: ApplyMacroInput;
};


export type MutationAssignTicketArgs = {
  input: AssignTicketInput;
};


export type MutationBlockSenderArgs = {
  input: BlockSenderInput;
};


export type MutationBulkUpdateTicketsArgs = {
  input: BulkUpdateTicketsInput;
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationCloseTicketArgs = {
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  ticketId: Scalars['ID']['input'];
};


export type MutationConfirmGuestTicketArgs = {
  token: Scalars['String']['input'];
};


export type MutationCreateAnnouncementArgs = {
  input: AnnouncementInput;
};


export type MutationCreateArticleArgs = {
  input: ArticleInput;
};


export type MutationCreateCustomerArgs = {
  input: CreateCustomerInput;
};


export type MutationCreatePartnerArgs = {
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};


export type MutationCreatePartnerKeyArgs = {
  input: CreatePartnerKeyInput;
};


export type MutationCreateStaffArgs = {
  input: CreateStaffInput;
};


export type MutationCreateSupportLevelArgs = {
  input: CreateSupportLevelInput;
};


export type MutationCreateTicketArgs = {
  input: CreateTicketInput;
};


export type MutationDeleteCannedResponseArgs = {
  cannedResponseId: Scalars['ID']['input'];
};


export type MutationDeleteCustomFieldArgs = {
  customFieldId: Scalars['ID']['input'];
};


export type MutationDeleteMacroArgs = {
  macroId: Scalars['ID']['input'];
};


export type MutationDeleteTicketArgs = {
  ticketId: Scalars['ID']['input'];
};


export type MutationDeleteTicketViewArgs = {
  ticketViewId: Scalars['ID']['input'];
};


export type MutationDeleteTimeRuleArgs = {
  timeRuleId: Scalars['ID']['input'];
};


export type MutationDeleteTriggerArgs = {
  triggerId: Scalars['ID']['input'];
};


export type MutationDeleteWebhookArgs = {
  webhookId: Scalars['ID']['input'];
};


export type MutationDocumentTicketArgs = {
  input: DocumentTicketInput;
};


export type MutationEndAnnouncementArgs = {
  announcementId: Scalars['ID']['input'];
};


export type MutationGuestAccessArgs = {
  email: Scalars['String']['input'];
  trackingId: Scalars['String']['input'];
};


export type MutationLogContactArgs = {
  input: LogContactInput;
};


export type MutationLoginArgs = {
  clientNumber: Scalars['String']['input'];
  password: Scalars['String']['input'];
};


export type MutationMarkSpamArgs = {
  blockSender?: Scalars['Boolean']['input'];
  ticketId: Scalars['ID']['input'];
};


export type MutationMergeTicketsArgs = {
  input: MergeTicketsInput;
};


export type MutationPublishAnnouncementArgs = {
  announcementId: Scalars['ID']['input'];
};


export type MutationPublishArticleArgs = {
  articleId: Scalars['ID']['input'];
};


export type MutationRateTicketArgs = {
  comment?: InputMaybe<Scalars['String']['input']>;
  rating: SatisfactionRating;
  ticketId?: InputMaybe<Scalars['ID']['input']>;
  token?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRemindTrackingIdsArgs = {
  email: Scalars['String']['input'];
};


export type MutationRemoveCalendarHolidayArgs = {
  calendarId: Scalars['ID']['input'];
  date: Scalars['Date']['input'];
};


export type MutationReopenTicketArgs = {
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  message?: InputMaybe<Scalars['String']['input']>;
  ticketId: Scalars['ID']['input'];
};


export type MutationReplyToTicketArgs = {
  input: ReplyToTicketInput;
};


export type MutationReportPresenceArgs = {
  ticketId: Scalars['ID']['input'];
  typing?: Scalars['Boolean']['input'];
};


export type MutationRequestPasswordResetArgs = {
  clientNumber: Scalars['String']['input'];
};


export type MutationRequestStaffPasswordResetArgs = {
  email: Scalars['String']['input'];
};


export type MutationResendWebhookDeliveryArgs = {
  deliveryId: Scalars['ID']['input'];
};


export type MutationResetPasswordArgs = {
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};


export type MutationResolveTicketArgs = {
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  ticketId: Scalars['ID']['input'];
};


export type MutationRevokePartnerKeyArgs = {
  keyId: Scalars['ID']['input'];
};


export type MutationRotateWebhookSecretArgs = {
  webhookId: Scalars['ID']['input'];
};


export type MutationSaveBusinessCalendarArgs = {
  input: SaveBusinessCalendarInput;
};


export type MutationSaveCannedResponseArgs = {
  input: SaveCannedResponseInput;
};


export type MutationSaveCategoryArgs = {
  input: CategoryInput;
};


export type MutationSaveCustomFieldArgs = {
  input: SaveCustomFieldInput;
};


export type MutationSaveDepartmentArgs = {
  code?: InputMaybe<Scalars['String']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  nameEs: Scalars['String']['input'];
};


export type MutationSaveMacroArgs = {
  input: SaveMacroInput;
};


export type MutationSaveSignatureArgs = {
  input: SaveSignatureInput;
};


export type MutationSaveTicketViewArgs = {
  input: SaveTicketViewInput;
};


export type MutationSaveTimeRuleArgs = {
  input: SaveTimeRuleInput;
};


export type MutationSaveTriggerArgs = {
  input: SaveTriggerInput;
};


export type MutationSaveWebhookArgs = {
  input: SaveWebhookInput;
};


export type MutationSetAgentHoursArgs = {
  calendarId?: InputMaybe<Scalars['ID']['input']>;
  staffId: Scalars['ID']['input'];
};


export type MutationSetAutoAssignmentArgs = {
  departmentId: Scalars['ID']['input'];
  mode: AssignmentMode;
};


export type MutationSetAwayArgs = {
  input: SetAwayInput;
};


export type MutationSetCategoryActiveArgs = {
  categoryId: Scalars['ID']['input'];
  isActive: Scalars['Boolean']['input'];
};


export type MutationSetDepartmentActiveArgs = {
  departmentId: Scalars['ID']['input'];
  isActive: Scalars['Boolean']['input'];
};


export type MutationSetSlaTargetArgs = {
  input: SetSlaTargetInput;
};


export type MutationSetSupportLevelActiveArgs = {
  isActive: Scalars['Boolean']['input'];
  supportLevelId: Scalars['ID']['input'];
};


export type MutationSetSupportLevelCalendarArgs = {
  calendarId?: InputMaybe<Scalars['ID']['input']>;
  supportLevelId: Scalars['ID']['input'];
};


export type MutationSetTicketCustomFieldsArgs = {
  input: SetTicketCustomFieldsInput;
};


export type MutationSetTicketTagsArgs = {
  input: SetTicketTagsInput;
};


export type MutationSetTimeRuleActiveArgs = {
  isActive: Scalars['Boolean']['input'];
  timeRuleId: Scalars['ID']['input'];
};


export type MutationSetTriggerActiveArgs = {
  isActive: Scalars['Boolean']['input'];
  triggerId: Scalars['ID']['input'];
};


export type MutationSplitTicketArgs = {
  input: SplitTicketInput;
};


export type MutationTriageTicketArgs = {
  input: TriageTicketInput;
};


export type MutationUnblockSenderArgs = {
  blockedSenderId: Scalars['ID']['input'];
};


export type MutationUnmarkSpamArgs = {
  ticketId: Scalars['ID']['input'];
};


export type MutationUnpublishArticleArgs = {
  articleId: Scalars['ID']['input'];
};


export type MutationUnwatchTicketArgs = {
  ticketId: Scalars['ID']['input'];
};


export type MutationUpdateArticleArgs = {
  articleId: Scalars['ID']['input'];
  input: ArticleInput;
};


export type MutationUpdateAutomationSettingsArgs = {
  input: UpdateAutomationSettingsInput;
};


export type MutationUpdateCustomerArgs = {
  input: UpdateCustomerInput;
};


export type MutationUpdateNotificationPreferencesArgs = {
  email?: InputMaybe<Array<AgentNotificationKind>>;
  live?: InputMaybe<Array<AgentNotificationKind>>;
};


export type MutationUpdateServiceArgs = {
  input: UpdateServiceInput;
};


export type MutationUpdateStaffArgs = {
  input: UpdateStaffInput;
};


export type MutationUpdateSupportLevelArgs = {
  input: UpdateSupportLevelInput;
};


export type MutationVoteArticleArgs = {
  articleId: Scalars['ID']['input'];
  helpful: Scalars['Boolean']['input'];
  sessionId?: InputMaybe<Scalars['String']['input']>;
};


export type MutationWatchTicketArgs = {
  ticketId: Scalars['ID']['input'];
};

/** An object with a Globally Unique ID */
export type Node = {
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
};

export type NotAllowedError = UserError & {
  __typename?: 'NotAllowedError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

export type NotFoundError = UserError & {
  __typename?: 'NotFoundError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

/** The kinds an agent is told about, live and by email. */
export type NotificationPreferences = {
  __typename?: 'NotificationPreferences';
  /** By email: never about their own actions; SLA alerts of unassigned tickets go to the department's supervisors. */
  email: Array<AgentNotificationKind>;
  live: Array<AgentNotificationKind>;
};

/** One opening window of a weekday, in the calendar's local time. */
export type OpeningWindow = {
  __typename?: 'OpeningWindow';
  /** HH:MM, local time; 00:00 means midnight. */
  end: Scalars['String']['output'];
  /** HH:MM, local time. */
  start: Scalars['String']['output'];
  /** 0 = Monday ... 6 = Sunday. */
  weekday: Scalars['Int']['output'];
};

export type OpeningWindowInput = {
  /** HH:MM, local time; 00:00 means midnight. */
  end: Scalars['String']['input'];
  /** HH:MM, local time. */
  start: Scalars['String']['input'];
  weekday: Scalars['Int']['input'];
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Information to aid in pagination. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A partner integration calling with an API key. */
export type Partner = {
  __typename?: 'Partner';
  name: Scalars['String']['output'];
  scopes: Array<Scalars['String']['output']>;
};

/** An organisation integrating through the API, as admins see it. */
export type PartnerAccount = {
  __typename?: 'PartnerAccount';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  /** Its API keys, revoked ones included. */
  keys: Array<PartnerKey>;
  name: Scalars['String']['output'];
};

/** An API key; the secret itself is only in CreatePartnerKeySuccess. */
export type PartnerKey = {
  __typename?: 'PartnerKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  prefix: Scalars['String']['output'];
  requestsPerMinute: Scalars['Int']['output'];
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  scopes: Array<Scalars['String']['output']>;
};

/** An agent on a ticket's page. */
export type PresentAgent = {
  __typename?: 'PresentAgent';
  /** Their Staff ID. */
  agentId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** When this subscription first saw them. */
  since: Scalars['DateTime']['output'];
  /** Writing a reply or a note right now. */
  typing: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Current maintenance and incident notices: public ones for everyone, the ones about a customer's services for that customer, drafts too for staff. */
  announcements: Array<Announcement>;
  /** One article by its ID or its slug, if the viewer may read it. */
  article?: Maybe<Article>;
  /** Articles the viewer may read: by relevance when searching (Spanish and English, accents ignored), else newest first. Published ones need no sign-in. */
  articles: ArticleConnection;
  /** Every administrative change, newest first (admins). */
  auditLog: AuditEntryConnection;
  /** Each active department's automatic assignment (admins). */
  autoAssignments: Array<AutoAssignment>;
  /** The desk's automation settings (admins). */
  automationSettings: AutomationSettings;
  /** Blocked addresses and domains, newest first (staff). */
  blockedSenders: BlockedSenderConnection;
  /** Business calendars the SLA targets count on (staff). */
  businessCalendars: Array<BusinessCalendar>;
  /** Canned responses the viewer may use: their personal ones and the shared ones of their departments (staff). */
  cannedResponses: Array<CannedResponse>;
  /** Categories; retired ones only with includeInactive. */
  categories: Array<Category>;
  /** Custom fields in display order: with a department or category, those a new ticket there asks for. Anyone may ask (a guest's form needs them); customers, guests and partners see the CUSTOMERS ones, staff every one (retired ones too with includeInactive). */
  customFields: Array<CustomField>;
  /** Customers, for support staff. */
  customers: CustomerConnection;
  /** Departments; retired ones only with includeInactive. */
  departments: Array<Department>;
  /** Notifications that gave up after their retries (admins). */
  failedNotifications: Array<FailedNotification>;
  /** Macros the viewer may apply: their personal ones and the shared ones of their departments (staff). */
  macros: Array<Macro>;
  /** Any object by its global ID, if the viewer may see it. */
  node?: Maybe<Node>;
  /** What the viewer is told about, live and by email (agents). */
  notificationPreferences: NotificationPreferences;
  /** Every partner with its API keys (admins). */
  partners: Array<PartnerAccount>;
  /** Satisfaction answers first given in a period, per agent and per department (supervisors and administrators). */
  satisfactionReport: SatisfactionReport;
  /** Anyone with the rating link mailed when a ticket was resolved: the ticket's number, subject and answer so far, for the rating page. */
  satisfactionSurvey: SatisfactionSurvey;
  /** A customer's services; customers get their own. */
  services: Array<Service>;
  /** First responses met and breached, for supervisors. */
  slaReport: SlaReport;
  /** Staff members for assign pickers, by name (staff). */
  staff: Array<Staff>;
  /** Before opening a ticket: the viewer's own open tickets on a similar subject and the best matching articles. */
  suggestions: Suggestions;
  /** Support levels; retired ones only with includeInactive. */
  supportLevels: Array<SupportLevel>;
  /** Tags on the tickets the viewer may see, most used first (staff). */
  tags: Array<TagCount>;
  ticket?: Maybe<Ticket>;
  /** The viewer's ticket views with their counts: built-in ones first, then the shared ones, then their own (staff). */
  ticketViews: Array<TicketView>;
  /** Tickets the viewer may see, newest first by default; best match first when searching. */
  tickets: TicketConnection;
  /** Every time rule, by status and wait (admins). */
  timeRules: Array<TimeRule>;
  /** Every trigger, in the order they run (admins). */
  triggers: Array<Trigger>;
  /** The customer, staff member, guest or partner behind the token. */
  viewer?: Maybe<Viewer>;
  /** A webhook's deliveries, newest first, with their attempts. */
  webhookDeliveries: WebhookDeliveryConnection;
  /** The webhooks the viewer manages: admins every one, partners their own. */
  webhooks: Array<Webhook>;
};


export type QueryArticleArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  language?: InputMaybe<Language>;
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ArticleStatus>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryBlockedSendersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCannedResponsesArgs = {
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCategoriesArgs = {
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  includeInactive?: Scalars['Boolean']['input'];
};


export type QueryCustomFieldsArgs = {
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  includeInactive?: Scalars['Boolean']['input'];
};


export type QueryCustomersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryDepartmentsArgs = {
  includeInactive?: Scalars['Boolean']['input'];
};


export type QueryFailedNotificationsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryMacrosArgs = {
  departmentId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySatisfactionReportArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QuerySatisfactionSurveyArgs = {
  token: Scalars['String']['input'];
};


export type QueryServicesArgs = {
  customerId?: InputMaybe<Scalars['ID']['input']>;
};


export type QuerySlaReportArgs = {
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};


export type QueryStaffArgs = {
  available?: Scalars['Boolean']['input'];
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  includeInactive?: Scalars['Boolean']['input'];
};


export type QuerySuggestionsArgs = {
  message?: InputMaybe<Scalars['String']['input']>;
  subject: Scalars['String']['input'];
};


export type QuerySupportLevelsArgs = {
  includeInactive?: Scalars['Boolean']['input'];
};


export type QueryTagsArgs = {
  first?: Scalars['Int']['input'];
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTicketArgs = {
  trackingId: Scalars['String']['input'];
};


export type QueryTicketsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TicketFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<TicketOrder>;
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  webhookId: Scalars['ID']['input'];
};

/** Too many attempts; retry after the given number of seconds. */
export type RateLimitedError = UserError & {
  __typename?: 'RateLimitedError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
  retryAfterSeconds: Scalars['Int']['output'];
};

export type RateTicketResult = InvalidTransitionError | NotAllowedError | NotFoundError | RateTicketSuccess | ValidationError;

export type RateTicketSuccess = {
  __typename?: 'RateTicketSuccess';
  /** The ticket's number and subject, with the answer as it now stands. */
  survey: SatisfactionSurvey;
};

export type RemindTrackingIdsResult = RateLimitedError | RemindTrackingIdsSuccess | ValidationError;

export type RemindTrackingIdsSuccess = {
  __typename?: 'RemindTrackingIdsSuccess';
  message: Scalars['String']['output'];
};

export type ReopenTicketResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ReopenTicketSuccess | ValidationError;

export type ReopenTicketSuccess = {
  __typename?: 'ReopenTicketSuccess';
  ticket: Ticket;
};

export type ReplyToTicketInput = {
  /** Files, sent as a GraphQL multipart request with the bearer token. */
  attachments?: InputMaybe<Array<Scalars['Upload']['input']>>;
  /** Staff: a canned response, rendered for the ticket, after the message. */
  cannedResponseId?: InputMaybe<Scalars['ID']['input']>;
  /** The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Any viewer: retries with the same key return the first reply (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** An internal note (staff only). */
  internal?: Scalars['Boolean']['input'];
  /** May be left empty when a canned response is given. */
  message?: Scalars['String']['input'];
  ticketId: Scalars['ID']['input'];
};

export type ReplyToTicketResult = ConflictError | FileTooLargeError | InvalidTransitionError | NotAllowedError | NotFoundError | ReplyToTicketSuccess | ValidationError;

export type ReplyToTicketSuccess = {
  __typename?: 'ReplyToTicketSuccess';
  /** The reply or internal note just added. */
  reply: Message;
  /** The ticket replied to, or the follow-up ticket a late reply opened. */
  ticket: Ticket;
};

export type ReportPresenceResult = NotAllowedError | NotFoundError | ReportPresenceSuccess | ValidationError;

export type ReportPresenceSuccess = {
  __typename?: 'ReportPresenceSuccess';
  ticketId: Scalars['ID']['output'];
};

export type RequestPasswordResetResult = RateLimitedError | RequestPasswordResetSuccess | ValidationError;

export type RequestPasswordResetSuccess = {
  __typename?: 'RequestPasswordResetSuccess';
  message: Scalars['String']['output'];
};

export type ResendWebhookDeliveryResult = ConflictError | NotAllowedError | NotFoundError | ResendWebhookDeliverySuccess | ValidationError;

export type ResendWebhookDeliverySuccess = {
  __typename?: 'ResendWebhookDeliverySuccess';
  delivery: WebhookDelivery;
};

export type ResetPasswordResult = InvalidCredentialsError | RateLimitedError | ResetPasswordSuccess | ValidationError;

export type ResetPasswordSuccess = {
  __typename?: 'ResetPasswordSuccess';
  message: Scalars['String']['output'];
};

export type ResolveTicketResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ResolveTicketSuccess | ValidationError;

export type ResolveTicketSuccess = {
  __typename?: 'ResolveTicketSuccess';
  ticket: Ticket;
};

export type RevokePartnerKeyResult = ConflictError | NotAllowedError | NotFoundError | RevokePartnerKeySuccess | ValidationError;

export type RevokePartnerKeySuccess = {
  __typename?: 'RevokePartnerKeySuccess';
  apiKey: PartnerKey;
};

export type RotateWebhookSecretResult = ConflictError | NotAllowedError | NotFoundError | RotateWebhookSecretSuccess | ValidationError;

export type RotateWebhookSecretSuccess = {
  __typename?: 'RotateWebhookSecretSuccess';
  /** The new signing secret, shown this once. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

/** Answers counted per rating. */
export type SatisfactionCounts = {
  __typename?: 'SatisfactionCounts';
  bad: Scalars['Int']['output'];
  good: Scalars['Int']['output'];
  neutral: Scalars['Int']['output'];
  /** Good answers among all, from 0 to 1 (null without answers). */
  shareGood?: Maybe<Scalars['Float']['output']>;
  total: Scalars['Int']['output'];
};

/** A requester's answer to "was the answer helpful?". */
export type SatisfactionRating =
  | 'BAD'
  | 'GOOD'
  | 'NEUTRAL';

/** Satisfaction answers first given in a period, per agent and per department. */
export type SatisfactionReport = {
  __typename?: 'SatisfactionReport';
  byAgent: Array<AgentSatisfactionRow>;
  byDepartment: Array<DepartmentSatisfactionRow>;
  /** The same report as CSV (GET with the same bearer token; supervisors). */
  csvUrl: Scalars['String']['output'];
  from: Scalars['DateTime']['output'];
  to: Scalars['DateTime']['output'];
  total: SatisfactionCounts;
};

/** What a rating link opens, without logging in: the ticket's number and subject and its answer so far (no thread, no tracking ID). */
export type SatisfactionSurvey = {
  __typename?: 'SatisfactionSurvey';
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The answer given so far, if any. */
  satisfaction?: Maybe<TicketSatisfaction>;
  subject: Scalars['String']['output'];
  ticketNumber: Scalars['Int']['output'];
};

export type SaveBusinessCalendarInput = {
  /** Leave out to create a calendar. */
  calendarId?: InputMaybe<Scalars['ID']['input']>;
  /** ISO country whose public holidays close the calendar. */
  holidayCountry?: InputMaybe<Scalars['String']['input']>;
  /** Any viewer: retries with the same key return the first calendar (when creating one) (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** IANA name, e.g. America/Bogota. */
  timezone: Scalars['String']['input'];
  weeklyHours: Array<OpeningWindowInput>;
};

export type SaveBusinessCalendarResult = ConflictError | NotAllowedError | NotFoundError | SaveBusinessCalendarSuccess | ValidationError;

export type SaveBusinessCalendarSuccess = {
  __typename?: 'SaveBusinessCalendarSuccess';
  calendar: BusinessCalendar;
};

export type SaveCannedResponseInput = {
  bodyEn: Scalars['String']['input'];
  bodyEs: Scalars['String']['input'];
  /** Set to change an existing response. */
  cannedResponseId?: InputMaybe<Scalars['ID']['input']>;
  /** Leave out for every department. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Any viewer: retries with the same key return the first response (when creating one) (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Only you see it; shared ones are for supervisors and admins. */
  personal?: Scalars['Boolean']['input'];
  title: Scalars['String']['input'];
};

export type SaveCannedResponseResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | SaveCannedResponseSuccess | ValidationError;

export type SaveCannedResponseSuccess = {
  __typename?: 'SaveCannedResponseSuccess';
  cannedResponse: CannedResponse;
};

export type SaveCustomFieldInput = {
  /** Only tickets of this category (and so its department). */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Null: create a new field. */
  customFieldId?: InputMaybe<Scalars['ID']['input']>;
  /** Only tickets of this department. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  helpEn?: Scalars['String']['input'];
  helpEs?: Scalars['String']['input'];
  /** Any viewer: retries with the same key return the first custom field (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  isActive?: Scalars['Boolean']['input'];
  /** Lower-case letters, digits and _, unique (dominio, ip_servidor). */
  key: Scalars['String']['input'];
  labelEn: Scalars['String']['input'];
  labelEs: Scalars['String']['input'];
  /** SELECT fields: 1 to 100 choices. */
  options?: InputMaybe<Array<CustomFieldOptionInput>>;
  position?: Scalars['Int']['input'];
  required?: Scalars['Boolean']['input'];
  /** Cannot change once tickets hold values of the field. */
  type: CustomFieldType;
  visibility?: CustomFieldVisibility;
};

export type SaveCustomFieldResult = ConflictError | NotAllowedError | NotFoundError | SaveCustomFieldSuccess | ValidationError;

export type SaveCustomFieldSuccess = {
  __typename?: 'SaveCustomFieldSuccess';
  customField: CustomField;
};

export type SaveMacroInput = {
  actions: TicketChangesInput;
  /** Leave out for every department. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Any viewer: retries with the same key return the first macro (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Set to change an existing macro. */
  macroId?: InputMaybe<Scalars['ID']['input']>;
  /** Only you see it; shared ones are for supervisors and admins. */
  personal?: Scalars['Boolean']['input'];
  title: Scalars['String']['input'];
};

export type SaveMacroResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | SaveMacroSuccess | ValidationError;

export type SaveMacroSuccess = {
  __typename?: 'SaveMacroSuccess';
  macro: Macro;
};

export type SaveSignatureInput = {
  bodyEn: Scalars['String']['input'];
  /** Empty removes it. Placeholders as in Signature. */
  bodyEs: Scalars['String']['input'];
  /** A department's signature (admins); leave out for your own. */
  departmentId?: InputMaybe<Scalars['ID']['input']>;
};

export type SaveSignatureResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | SaveSignatureSuccess | ValidationError;

export type SaveSignatureSuccess = {
  __typename?: 'SaveSignatureSuccess';
  /** The department's signature was saved. */
  department?: Maybe<Department>;
  /** Your own signature was saved. */
  staff?: Maybe<Staff>;
};

export type SaveTicketViewInput = {
  filter?: InputMaybe<TicketFilter>;
  /** Any viewer: retries with the same key return the first view (when creating one) (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  orderBy?: InputMaybe<TicketOrder>;
  /** For every agent (admins); otherwise only yours. */
  shared?: Scalars['Boolean']['input'];
  /** Set to change a saved view. */
  ticketViewId?: InputMaybe<Scalars['ID']['input']>;
};

export type SaveTicketViewResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | SaveTicketViewSuccess | ValidationError;

export type SaveTicketViewSuccess = {
  __typename?: 'SaveTicketViewSuccess';
  ticketView: TicketView;
};

export type SaveTimeRuleInput = {
  actions: Array<TriggerActionInput>;
  /** 1 minute to a year. */
  afterMinutes: Scalars['Int']['input'];
  /** BUSINESS_HOURS: of the ticket's own calendar; CALENDAR: every minute. */
  clock?: TimeRuleClock;
  conditions?: InputMaybe<TriggerConditionsInput>;
  /** Any viewer: retries with the same key return the first time rule (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  isActive?: Scalars['Boolean']['input'];
  name: Scalars['String']['input'];
  /** NEW, OPEN, WAITING_ON_AGENT, WAITING_ON_CUSTOMER or RESOLVED. */
  status: TicketStatus;
  /** Null: create a new time rule. */
  timeRuleId?: InputMaybe<Scalars['ID']['input']>;
};

export type SaveTimeRuleResult = ConflictError | NotAllowedError | NotFoundError | SaveTimeRuleSuccess | ValidationError;

export type SaveTimeRuleSuccess = {
  __typename?: 'SaveTimeRuleSuccess';
  timeRule: TimeRule;
};

export type SaveTriggerInput = {
  actions: Array<TriggerActionInput>;
  conditions?: InputMaybe<TriggerConditionsInput>;
  events: Array<TriggerEvent>;
  /** Any viewer: retries with the same key return the first trigger (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  isActive?: Scalars['Boolean']['input'];
  name: Scalars['String']['input'];
  position?: Scalars['Int']['input'];
  /** Null: create a new trigger. */
  triggerId?: InputMaybe<Scalars['ID']['input']>;
};

export type SaveTriggerResult = ConflictError | NotAllowedError | NotFoundError | SaveTriggerSuccess | ValidationError;

export type SaveTriggerSuccess = {
  __typename?: 'SaveTriggerSuccess';
  trigger: Trigger;
};

export type SaveWebhookInput = {
  eventKinds: Array<EventKind>;
  /** Any viewer: retries with the same key return the first webhook (without its secret: it is shown once) (the same key with other inputs is a CONFLICT). The `Idempotency-Key` header works too. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  isActive?: Scalars['Boolean']['input'];
  name: Scalars['String']['input'];
  /** 1 to 30 seconds. */
  timeoutSeconds?: Scalars['Int']['input'];
  /** https://…; private addresses are refused. */
  url: Scalars['String']['input'];
  /** Null: create a new webhook. */
  webhookId?: InputMaybe<Scalars['ID']['input']>;
};

export type SaveWebhookResult = ConflictError | NotAllowedError | NotFoundError | SaveWebhookSuccess | ValidationError;

export type SaveWebhookSuccess = {
  __typename?: 'SaveWebhookSuccess';
  /** The signing secret, when the webhook was just created: shown this once. */
  secret?: Maybe<Scalars['String']['output']>;
  webhook: Webhook;
};

/** A service a customer contracted, with its support level. */
export type Service = Node & {
  __typename?: 'Service';
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  supportLevel: SupportLevel;
};

export type ServiceResult = ConflictError | NotAllowedError | NotFoundError | ServiceSuccess | ValidationError;

export type ServiceSuccess = {
  __typename?: 'ServiceSuccess';
  service: Service;
};

export type SetAgentHoursResult = ConflictError | NotAllowedError | NotFoundError | SetAgentHoursSuccess | ValidationError;

export type SetAgentHoursSuccess = {
  __typename?: 'SetAgentHoursSuccess';
  staff: Staff;
};

export type SetAutoAssignmentResult = ConflictError | NotAllowedError | NotFoundError | SetAutoAssignmentSuccess | ValidationError;

export type SetAutoAssignmentSuccess = {
  __typename?: 'SetAutoAssignmentSuccess';
  autoAssignment: AutoAssignment;
};

export type SetAwayInput = {
  away: Scalars['Boolean']['input'];
  /** Someone else (admins); leave out for yourself. */
  staffId?: InputMaybe<Scalars['ID']['input']>;
  /** When they are back; left out: until marked back. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

export type SetAwayResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | SetAwaySuccess | ValidationError;

export type SetAwaySuccess = {
  __typename?: 'SetAwaySuccess';
  staff: Staff;
};

export type SetCategoryActiveResult = ConflictError | NotAllowedError | NotFoundError | SetCategoryActiveSuccess | ValidationError;

export type SetCategoryActiveSuccess = {
  __typename?: 'SetCategoryActiveSuccess';
  category: Category;
};

export type SetDepartmentActiveResult = ConflictError | NotAllowedError | NotFoundError | SetDepartmentActiveSuccess | ValidationError;

export type SetDepartmentActiveSuccess = {
  __typename?: 'SetDepartmentActiveSuccess';
  department: Department;
};

export type SetSlaTargetInput = {
  clock: SlaClock;
  firstResponseDueMinutes: Scalars['Int']['input'];
  firstResponseExpectedMinutes: Scalars['Int']['input'];
  impact: Impact;
  resolutionDueMinutes?: InputMaybe<Scalars['Int']['input']>;
  supportLevelId: Scalars['ID']['input'];
};

export type SetSlaTargetResult = ConflictError | NotAllowedError | NotFoundError | SetSlaTargetSuccess | ValidationError;

export type SetSlaTargetSuccess = {
  __typename?: 'SetSlaTargetSuccess';
  target: SlaTarget;
};

export type SetSupportLevelActiveResult = ConflictError | NotAllowedError | NotFoundError | SetSupportLevelActiveSuccess | ValidationError;

export type SetSupportLevelActiveSuccess = {
  __typename?: 'SetSupportLevelActiveSuccess';
  supportLevel: SupportLevel;
};

export type SetSupportLevelCalendarResult = ConflictError | NotAllowedError | NotFoundError | SetSupportLevelCalendarSuccess | ValidationError;

export type SetSupportLevelCalendarSuccess = {
  __typename?: 'SetSupportLevelCalendarSuccess';
  supportLevel: SupportLevel;
};

export type SetTicketCustomFieldsInput = {
  /** The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  ticketId: Scalars['ID']['input'];
  /** The values that change, by key; a null value clears one. */
  values: Array<CustomFieldValueInput>;
};

export type SetTicketCustomFieldsResult = ConflictError | NotAllowedError | NotFoundError | SetTicketCustomFieldsSuccess | ValidationError;

export type SetTicketCustomFieldsSuccess = {
  __typename?: 'SetTicketCustomFieldsSuccess';
  ticket: Ticket;
};

export type SetTicketTagsInput = {
  /** The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Every tag the ticket keeps; [] removes all. */
  tags: Array<Scalars['String']['input']>;
  ticketId: Scalars['ID']['input'];
};

export type SetTicketTagsResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | SetTicketTagsSuccess | ValidationError;

export type SetTicketTagsSuccess = {
  __typename?: 'SetTicketTagsSuccess';
  ticket: Ticket;
};

export type SetTimeRuleActiveResult = ConflictError | NotAllowedError | NotFoundError | SetTimeRuleActiveSuccess | ValidationError;

export type SetTimeRuleActiveSuccess = {
  __typename?: 'SetTimeRuleActiveSuccess';
  timeRule: TimeRule;
};

export type SetTriggerActiveResult = ConflictError | NotAllowedError | NotFoundError | SetTriggerActiveSuccess | ValidationError;

export type SetTriggerActiveSuccess = {
  __typename?: 'SetTriggerActiveSuccess';
  trigger: Trigger;
};

/** An SLA warning or breach on a ticket, as it happens. */
export type SlaAlert = {
  __typename?: 'SlaAlert';
  createdAt: Scalars['DateTime']['output'];
  /** firstResponse, next or resolution. */
  deadline: Scalars['String']['output'];
  dueAt?: Maybe<Scalars['DateTime']['output']>;
  /** Pass as `after` to resume. */
  eventId: Scalars['ID']['output'];
  kind: SlaAlertKind;
  ticket?: Maybe<Ticket>;
};

export type SlaAlertKind =
  | 'BREACH'
  | 'WARNING';

export type SlaClock =
  | 'ALWAYS'
  | 'BUSINESS_HOURS';

/** One kind of deadline over a report row's tickets. */
export type SlaDeadlineStats = {
  __typename?: 'SlaDeadlineStats';
  /** The due moment passed first. */
  breached: Scalars['Int']['output'];
  /** Median business time the answers took (pauses not counted). */
  medianBusinessSeconds?: Maybe<Scalars['Int']['output']>;
  /** Answered (or ended) by the due moment. */
  met: Scalars['Int']['output'];
  p90BusinessSeconds?: Maybe<Scalars['Int']['output']>;
  /** Not answered yet, and not due yet. */
  running: Scalars['Int']['output'];
  /** Tickets that owe it: met + breached + running. */
  tickets: Scalars['Int']['output'];
};

/** How the response promises were kept, for tickets opened in a period. */
export type SlaReport = {
  __typename?: 'SlaReport';
  /** The same report as CSV (GET with the same bearer token; supervisors). */
  csvUrl: Scalars['String']['output'];
  from: Scalars['DateTime']['output'];
  rows: Array<SlaReportRow>;
  to: Scalars['DateTime']['output'];
};

/** Tickets of one support level (as they started), impact, department and assignee opened in a period, and how each kind of deadline was kept. */
export type SlaReportRow = {
  __typename?: 'SlaReportRow';
  assignee?: Maybe<Staff>;
  department: Department;
  firstResponses: SlaDeadlineStats;
  firstResponsesBreached: Scalars['Int']['output'];
  firstResponsesMet: Scalars['Int']['output'];
  impact: Impact;
  medianBusinessSecondsToFirstResponse?: Maybe<Scalars['Int']['output']>;
  /** Per ticket: breached if any next response was, running if one is owed. */
  nextResponses: SlaDeadlineStats;
  p90BusinessSecondsToFirstResponse?: Maybe<Scalars['Int']['output']>;
  resolutions: SlaDeadlineStats;
  supportLevel: SupportLevel;
  tickets: Scalars['Int']['output'];
};

/** Where a ticket stands against its response promise. */
export type SlaState =
  | 'BREACHED'
  | 'MET'
  | 'ON_TRACK'
  | 'PAUSED'
  | 'WARNING';

/** A response promise of a support level for one impact. */
export type SlaTarget = {
  __typename?: 'SlaTarget';
  clock: SlaClock;
  firstResponseDueMinutes: Scalars['Int']['output'];
  firstResponseExpectedMinutes: Scalars['Int']['output'];
  impact: Impact;
  resolutionDueMinutes?: Maybe<Scalars['Int']['output']>;
};

export type SplitTicketInput = {
  /** The message that becomes a ticket. */
  messageId: Scalars['ID']['input'];
  /** The new ticket's subject; the old one's when left out. */
  subject?: InputMaybe<Scalars['String']['input']>;
};

export type SplitTicketResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | SplitTicketSuccess | ValidationError;

export type SplitTicketSuccess = {
  __typename?: 'SplitTicketSuccess';
  /** The ticket the message came from. */
  sourceTicket: Ticket;
  /** The new ticket. */
  ticket: Ticket;
};

/** A member of the support desk. Customers see only the name. */
export type Staff = Node & {
  __typename?: 'Staff';
  /** Out of office now (skipped by automatic assignment); staff only. */
  away?: Maybe<Scalars['Boolean']['output']>;
  /** When an away staff member is back, if they said; staff only. */
  awayUntil?: Maybe<Scalars['DateTime']['output']>;
  /** Visible to staff only. */
  departments: Array<Department>;
  /** Visible to staff only. */
  email?: Maybe<Scalars['String']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Visible to staff only. */
  role?: Maybe<StaffRole>;
  /** Their signature in English (staff only). */
  signatureEn?: Maybe<Scalars['String']['output']>;
  /** Their signature in Spanish (staff only). */
  signatureEs?: Maybe<Scalars['String']['output']>;
};

export type StaffResult = ConflictError | NotAllowedError | NotFoundError | StaffSuccess | ValidationError;

export type StaffRole =
  | 'ADMIN'
  | 'AGENT'
  | 'SUPERVISOR';

export type StaffSuccess = {
  __typename?: 'StaffSuccess';
  staff: Staff;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Announcements as they are published or end, to those they concern: public ones to everyone, without a login. */
  announcementEvents: AnnouncementEvent;
  /** Agents: what concerns them, as it happens (see AgentNotificationKind); never their own actions. */
  notifications: AgentNotification;
  /** Agents: every change to the tickets of a department, or of all theirs. */
  queueEvents: TicketEvent;
  /** Agents: SLA warnings and breaches on their departments' tickets. */
  slaAlerts: SlaAlert;
  /** Every change to a ticket the viewer may see; customers and guests never receive internal notes or internal events. */
  ticketEvents: TicketEvent;
  /** Agents: who else views a ticket and who is typing, first now, then on every change. Subscribing is being there: the others see you until you unsubscribe. */
  ticketPresence: TicketPresence;
  /** Agents: the counts of their ticket views, all of them first, then the ones that changed after each change to a ticket of their departments. */
  ticketViewCounts: TicketViewCounts;
};


export type SubscriptionQueueEventsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionSlaAlertsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionTicketEventsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  ticketId: Scalars['ID']['input'];
};


export type SubscriptionTicketPresenceArgs = {
  ticketId: Scalars['ID']['input'];
};

/** What to read or continue before opening a new ticket. */
export type Suggestions = {
  __typename?: 'Suggestions';
  /** The best matching articles. */
  articles: Array<Article>;
  /** The viewer's own open tickets on a similar subject. */
  tickets: Array<Ticket>;
};

/** Nivel 1, 2 or 3: channels and response times of a service. */
export type SupportLevel = Node & {
  __typename?: 'SupportLevel';
  /** Where business-hours targets are counted; null: none. */
  calendar?: Maybe<BusinessCalendar>;
  /** Each included channel and when it is open (business hours on the level's calendar, or only about an existing ticket). */
  channelConditions: Array<ChannelRule>;
  channels: Array<Channel>;
  code: Scalars['String']['output'];
  /** ISO 4217 code of the price. */
  currency?: Maybe<Scalars['String']['output']>;
  description: Scalars['String']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  /** False: retired, offered to no new service. */
  isActive: Scalars['Boolean']['output'];
  /** What the level costs a month, before taxes; null when not priced. */
  monthlyPrice?: Maybe<Scalars['Decimal']['output']>;
  name: Scalars['String']['output'];
  rank: Scalars['Int']['output'];
  targets: Array<SlaTarget>;
};

export type SupportLevelResult = ConflictError | NotAllowedError | NotFoundError | SupportLevelSuccess | ValidationError;

export type SupportLevelSuccess = {
  __typename?: 'SupportLevelSuccess';
  supportLevel: SupportLevel;
};

/** A tag and how many of the tickets the viewer may see carry it. */
export type TagCount = {
  __typename?: 'TagCount';
  count: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

/** A support case, from creation to closure. */
export type Ticket = Node & {
  __typename?: 'Ticket';
  assignee?: Maybe<Staff>;
  /** Whether its assignee is out of office now (staff only; null for others and when unassigned). */
  assigneeAway?: Maybe<Scalars['Boolean']['output']>;
  /** Every file of the thread; internal notes' for staff only. */
  attachments: Array<Attachment>;
  category?: Maybe<Category>;
  channel: Channel;
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** People the requester copied (Cc) by email: they get the agents' replies and their replies thread into this ticket. */
  contacts: Array<TicketContact>;
  createdAt: Scalars['DateTime']['output'];
  /** Its custom field values in the fields' order; STAFF fields for staff only. */
  customFields: Array<TicketCustomFieldValue>;
  customer?: Maybe<Customer>;
  department: Department;
  /** The article documenting this ticket (seed 004 step 9): a draft for staff, once published for everyone who sees the ticket. */
  documentationArticle?: Maybe<Article>;
  /** The history; internal events for staff only. */
  events: Array<TicketEvent>;
  firstRespondedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The older ticket this one follows up. */
  followUpOf?: Maybe<Ticket>;
  guestEmail?: Maybe<Scalars['String']['output']>;
  guestName?: Maybe<Scalars['String']['output']>;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  impact: Impact;
  /** The latest public message. */
  lastMessage?: Maybe<Message>;
  /** The ticket this one was merged into. */
  mergedInto?: Maybe<Ticket>;
  /** The thread, oldest first; internal notes for staff only. */
  messages: Array<Message>;
  number: Scalars['Int']['output'];
  /** The priority the customer proposed. */
  priority: Impact;
  resolvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** How the requester rated the ticket once resolved (null: not rated). */
  satisfaction?: Maybe<TicketSatisfaction>;
  service?: Maybe<Service>;
  /** Response deadlines and where the ticket stands. */
  sla?: Maybe<TicketSla>;
  /** The ticket this one was split from (splitTicket). */
  splitFrom?: Maybe<Ticket>;
  /** The tickets split from this one's messages, oldest first. */
  splitInto: Array<Ticket>;
  status: TicketStatus;
  subject: Scalars['String']['output'];
  /** Its tags, sorted; staff only (empty for everyone else). */
  tags: Array<Scalars['String']['output']>;
  trackingId: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** What the viewer may do to this ticket in its current state. */
  viewerCan: TicketViewerCan;
  /** Agents following the ticket; staff only (empty for others). */
  watchers: Array<Staff>;
};

/** Changes to a ticket, made in this order: impact, department and category; assignee; tags; a public reply from a canned response; an internal note; the final status. All of them or none. */
export type TicketChangesInput = {
  addTags?: InputMaybe<Array<Scalars['String']['input']>>;
  assignTo?: InputMaybe<AssignTo>;
  /** With assignTo: STAFF. */
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  /** Sent as a public reply, rendered for each ticket. */
  cannedResponseId?: InputMaybe<Scalars['ID']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  impact?: InputMaybe<Impact>;
  /** Added as an internal note. */
  note?: InputMaybe<Scalars['String']['input']>;
  removeTags?: InputMaybe<Array<Scalars['String']['input']>>;
  status?: InputMaybe<FinalStatus>;
};

/** A page of a list, with the cursors to go on. */
export type TicketConnection = {
  __typename?: 'TicketConnection';
  /** Contains the nodes in this connection */
  edges: Array<TicketEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
  /** How many items the whole list holds, on every page. */
  totalCount: Scalars['Int']['output'];
};

/** Someone on a ticket's email conversation besides its requester. */
export type TicketContact = {
  __typename?: 'TicketContact';
  addedAt: Scalars['DateTime']['output'];
  email: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** A ticket's value of one custom field. */
export type TicketCustomFieldValue = {
  __typename?: 'TicketCustomFieldValue';
  field: CustomField;
  /** SELECT: the chosen option's label in the viewer's language. */
  optionLabel?: Maybe<Scalars['String']['output']>;
  /** Typed: text, a number, an ISO date (YYYY-MM-DD), an option's key, or true/false. */
  value: Scalars['JSON']['output'];
};

/** An edge in a connection. */
export type TicketEdge = {
  __typename?: 'TicketEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Ticket;
};

/** One change to a ticket: who, what, before, after, when. */
export type TicketEvent = Node & {
  __typename?: 'TicketEvent';
  actorKind: AuthorKind;
  actorName: Scalars['String']['output'];
  after?: Maybe<Scalars['JSON']['output']>;
  before?: Maybe<Scalars['JSON']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  internal: Scalars['Boolean']['output'];
  kind: EventKind;
  message?: Maybe<Message>;
  /** The ticket that changed, as the viewer may see it now. */
  ticket?: Maybe<Ticket>;
  /** The ticket that changed. */
  ticketId: Scalars['ID']['output'];
};

export type TicketFilter = {
  assigneeId?: InputMaybe<Scalars['ID']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Tickets meeting every one of these custom field conditions. */
  customFields?: InputMaybe<Array<CustomFieldCondition>>;
  customerId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  /** Tickets whose running SLA due time is at or before this. */
  dueBefore?: InputMaybe<Scalars['DateTime']['input']>;
  impact?: InputMaybe<Array<Impact>>;
  /** Words in the subject, messages (internal notes for staff), requester's name or email, tracking ID or number; Spanish and English, accents ignored. Results come best match first. */
  search?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<TicketStatus>>;
  /** Text in the subject. */
  subject?: InputMaybe<Scalars['String']['input']>;
  /** Tickets carrying every one of these tags (staff). */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  unassigned?: Scalars['Boolean']['input'];
};

export type TicketOrder = {
  direction?: OrderDirection;
  field?: TicketOrderField;
};

export type TicketOrderField =
  | 'CREATED_AT'
  | 'SLA_DUE_AT'
  | 'UPDATED_AT';

/** Who else is on a ticket's page. */
export type TicketPresence = {
  __typename?: 'TicketPresence';
  /** Other agents viewing it, longest there first; never the viewer. */
  agents: Array<PresentAgent>;
  ticketId: Scalars['ID']['output'];
};

/** How the requester rated a resolved ticket. */
export type TicketSatisfaction = {
  __typename?: 'TicketSatisfaction';
  /** Until when the requester may change the rating and the comment. */
  changeableUntil: Scalars['DateTime']['output'];
  /** When the answer last changed. */
  changedAt: Scalars['DateTime']['output'];
  comment?: Maybe<Scalars['String']['output']>;
  /** When the first answer was given. */
  ratedAt: Scalars['DateTime']['output'];
  rating: SatisfactionRating;
};

/** A ticket's response promise, its deadlines and where it stands. */
export type TicketSla = {
  __typename?: 'TicketSla';
  /** Business time left until the running due time (negative once past). */
  businessSecondsRemaining?: Maybe<Scalars['Int']['output']>;
  clock: SlaClock;
  firstRespondedAt?: Maybe<Scalars['DateTime']['output']>;
  firstResponseDueAt?: Maybe<Scalars['DateTime']['output']>;
  firstResponseDueMinutes: Scalars['Int']['output'];
  firstResponseExpectedAt?: Maybe<Scalars['DateTime']['output']>;
  firstResponseExpectedMinutes: Scalars['Int']['output'];
  impact: Impact;
  nextResponseDueAt?: Maybe<Scalars['DateTime']['output']>;
  nextResponseExpectedAt?: Maybe<Scalars['DateTime']['output']>;
  resolutionDueAt?: Maybe<Scalars['DateTime']['output']>;
  resolutionDueMinutes?: Maybe<Scalars['Int']['output']>;
  state: SlaState;
  /** The support level whose targets apply. */
  supportLevel: SupportLevel;
  /** The ticket's global ID: the key a client cache stores this under. */
  ticketId: Scalars['ID']['output'];
};

export type TicketStatus =
  | 'CLOSED'
  | 'MERGED'
  | 'NEW'
  | 'OPEN'
  | 'RESOLVED'
  | 'SPAM'
  | 'WAITING_ON_AGENT'
  | 'WAITING_ON_CUSTOMER';

/** A named filter of tickets with its count: built-in, shared (admins) or the viewer's own. */
export type TicketView = {
  __typename?: 'TicketView';
  builtIn: Scalars['Boolean']['output'];
  /** How many tickets the view holds for the viewer now. */
  count: Scalars['Int']['output'];
  filter: TicketViewFilter;
  /** A saved view's global ID, or a built-in view's name. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  orderDirection: OrderDirection;
  orderField: TicketOrderField;
  shared: Scalars['Boolean']['output'];
  /** The view's tickets, in its order. */
  tickets: TicketConnection;
};


/** A named filter of tickets with its count: built-in, shared (admins) or the viewer's own. */
export type TicketViewTicketsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A view whose count changed. */
export type TicketViewCount = {
  __typename?: 'TicketViewCount';
  count: Scalars['Int']['output'];
  viewId: Scalars['ID']['output'];
};

/** Counts of the viewer's views: all of them first, then the changed. */
export type TicketViewCounts = {
  __typename?: 'TicketViewCounts';
  counts: Array<TicketViewCount>;
};

/** The filter a view applies. */
export type TicketViewFilter = {
  __typename?: 'TicketViewFilter';
  assigneeId?: Maybe<Scalars['ID']['output']>;
  categoryId?: Maybe<Scalars['ID']['output']>;
  customFields: Array<CustomFieldConditionView>;
  customerId?: Maybe<Scalars['ID']['output']>;
  departmentId?: Maybe<Scalars['ID']['output']>;
  /** Built-in views: tickets whose running SLA due time is this close. */
  dueWithinMinutes?: Maybe<Scalars['Int']['output']>;
  impact: Array<Impact>;
  status: Array<TicketStatus>;
  subject?: Maybe<Scalars['String']['output']>;
  tags: Array<Scalars['String']['output']>;
  unassigned: Scalars['Boolean']['output'];
};

/** What the viewer may do to a ticket now: show only these buttons. */
export type TicketViewerCan = {
  __typename?: 'TicketViewerCan';
  /** Add an internal note (staff). */
  addNote: Scalars['Boolean']['output'];
  assign: Scalars['Boolean']['output'];
  close: Scalars['Boolean']['output'];
  /** Delete it for good (admins). */
  delete: Scalars['Boolean']['output'];
  /** Mark it spam (staff). */
  markSpam: Scalars['Boolean']['output'];
  /** Merge this ticket into another one. */
  merge: Scalars['Boolean']['output'];
  /** Rate it (rateTicket), as its customer or guest once it is resolved or closed; a rating changes only until its satisfaction.changeableUntil. */
  rate: Scalars['Boolean']['output'];
  reopen: Scalars['Boolean']['output'];
  reply: Scalars['Boolean']['output'];
  resolve: Scalars['Boolean']['output'];
  /** Split a message off (staff). */
  split: Scalars['Boolean']['output'];
  triage: Scalars['Boolean']['output'];
  /** Take it out of spam. */
  unmarkSpam: Scalars['Boolean']['output'];
};

/** After a ticket has been in a status this long, if the conditions hold, the actions run once for that stay (admins). */
export type TimeRule = {
  __typename?: 'TimeRule';
  actions: Array<TriggerAction>;
  /** How long it waits there. */
  afterMinutes: Scalars['Int']['output'];
  clock: TimeRuleClock;
  conditions: TriggerConditions;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** The status the ticket waits in. */
  status: TicketStatus;
  updatedAt: Scalars['DateTime']['output'];
};

/** How a time rule counts the wait. */
export type TimeRuleClock =
  | 'BUSINESS_HOURS'
  | 'CALENDAR';

export type TriageTicketInput = {
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  /** The ticket's `updatedAt` when you loaded it: if anyone changed the ticket since, nothing is written and the answer is a CONFLICT (collision detection). */
  expectedUpdatedAt?: InputMaybe<Scalars['DateTime']['input']>;
  impact?: InputMaybe<Impact>;
  ticketId: Scalars['ID']['input'];
};

export type TriageTicketResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | TriageTicketSuccess | ValidationError;

export type TriageTicketSuccess = {
  __typename?: 'TriageTicketSuccess';
  ticket: Ticket;
};

/** A rule run after ticket events (admins). */
export type Trigger = {
  __typename?: 'Trigger';
  actions: Array<TriggerAction>;
  conditions: TriggerConditions;
  createdAt: Scalars['DateTime']['output'];
  events: Array<TriggerEvent>;
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** Triggers one event fires run lowest first. */
  position: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

/** One action; only the fields its type uses are set. */
export type TriggerAction = {
  __typename?: 'TriggerAction';
  cannedResponseId?: Maybe<Scalars['ID']['output']>;
  categoryId?: Maybe<Scalars['ID']['output']>;
  departmentId?: Maybe<Scalars['ID']['output']>;
  impact?: Maybe<Impact>;
  staffId?: Maybe<Scalars['ID']['output']>;
  staffIds: Array<Scalars['ID']['output']>;
  status?: Maybe<TicketStatus>;
  tags: Array<Scalars['String']['output']>;
  text?: Maybe<Scalars['String']['output']>;
  type: TriggerActionType;
  webhookId?: Maybe<Scalars['ID']['output']>;
};

/** One action: set the fields its type uses. */
export type TriggerActionInput = {
  cannedResponseId?: InputMaybe<Scalars['ID']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  impact?: InputMaybe<Impact>;
  staffId?: InputMaybe<Scalars['ID']['input']>;
  staffIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  status?: InputMaybe<TicketStatus>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  text?: InputMaybe<Scalars['String']['input']>;
  type: TriggerActionType;
  webhookId?: InputMaybe<Scalars['ID']['input']>;
};

/** What a trigger does. */
export type TriggerActionType =
  | 'ADD_NOTE'
  | 'ADD_TAGS'
  | 'ASSIGN'
  | 'CALL_WEBHOOK'
  | 'NOTIFY_STAFF'
  | 'REPLY'
  | 'SET_CATEGORY'
  | 'SET_DEPARTMENT'
  | 'SET_IMPACT'
  | 'SET_STATUS';

/** Every condition given must hold; an empty list means any. */
export type TriggerConditions = {
  __typename?: 'TriggerConditions';
  /** The event's message, or the ticket's first one (case-insensitive). */
  bodyContains?: Maybe<Scalars['String']['output']>;
  /** True: only within the ticket's business hours; false: only outside. */
  businessHours?: Maybe<Scalars['Boolean']['output']>;
  categoryIds: Array<Scalars['ID']['output']>;
  channels: Array<Channel>;
  /** The ticket holds each of these custom field values. */
  customFields: Array<TriggerFieldCondition>;
  departmentIds: Array<Scalars['ID']['output']>;
  impacts: Array<Impact>;
  /** The requester's email is at one of these domains (or a subdomain). */
  requesterDomains: Array<Scalars['String']['output']>;
  /** The requester's satisfaction answer is one of these (SATISFACTION_RATED). */
  satisfactionRatings: Array<SatisfactionRating>;
  statuses: Array<TicketStatus>;
  subjectContains?: Maybe<Scalars['String']['output']>;
  supportLevelIds: Array<Scalars['ID']['output']>;
  /** The ticket has at least one of these. */
  tagsAny: Array<Scalars['String']['output']>;
};

export type TriggerConditionsInput = {
  bodyContains?: InputMaybe<Scalars['String']['input']>;
  businessHours?: InputMaybe<Scalars['Boolean']['input']>;
  categoryIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  channels?: InputMaybe<Array<Channel>>;
  /** The ticket holds each of these custom field values. */
  customFields?: InputMaybe<Array<TriggerFieldConditionInput>>;
  departmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  impacts?: InputMaybe<Array<Impact>>;
  requesterDomains?: InputMaybe<Array<Scalars['String']['input']>>;
  satisfactionRatings?: InputMaybe<Array<SatisfactionRating>>;
  statuses?: InputMaybe<Array<TicketStatus>>;
  subjectContains?: InputMaybe<Scalars['String']['input']>;
  supportLevelIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  tagsAny?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** What fires a trigger. */
export type TriggerEvent =
  | 'AGENT_REPLIED'
  | 'ASSIGNED'
  | 'CUSTOMER_REPLIED'
  | 'DEPARTMENT_CHANGED'
  | 'IMPACT_CHANGED'
  | 'NOTE_ADDED'
  | 'SATISFACTION_RATED'
  | 'SLA_BREACHED'
  | 'SLA_WARNING'
  | 'STATUS_CHANGED'
  | 'TAG_ADDED'
  | 'TICKET_CREATED';

/** A custom field the ticket must hold a value of. */
export type TriggerFieldCondition = {
  __typename?: 'TriggerFieldCondition';
  /** The value in its canonical text: 12, 4.5, 2026-12-01, pro, true. */
  equals: Scalars['String']['output'];
  key: Scalars['String']['output'];
};

/** A custom field the ticket must hold a value of. */
export type TriggerFieldConditionInput = {
  equals: Scalars['JSON']['input'];
  key: Scalars['String']['input'];
};

export type UnblockSenderResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | UnblockSenderSuccess | ValidationError;

export type UnblockSenderSuccess = {
  __typename?: 'UnblockSenderSuccess';
  blockedSenderId: Scalars['ID']['output'];
};

export type UnmarkSpamResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | UnmarkSpamSuccess | ValidationError;

export type UnmarkSpamSuccess = {
  __typename?: 'UnmarkSpamSuccess';
  ticket: Ticket;
};

export type UpdateAutomationSettingsInput = {
  /** CIDR networks (10.0.0.0/8, 127.0.0.1) webhooks may reach although private. */
  webhookAllowedNetworks: Array<Scalars['String']['input']>;
};

export type UpdateAutomationSettingsResult = ConflictError | NotAllowedError | NotFoundError | UpdateAutomationSettingsSuccess | ValidationError;

export type UpdateAutomationSettingsSuccess = {
  __typename?: 'UpdateAutomationSettingsSuccess';
  settings: AutomationSettings;
};

export type UpdateCustomerInput = {
  customerId: Scalars['ID']['input'];
  email?: InputMaybe<Scalars['String']['input']>;
  isActive?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateNotificationPreferencesResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | UpdateNotificationPreferencesSuccess | ValidationError;

export type UpdateNotificationPreferencesSuccess = {
  __typename?: 'UpdateNotificationPreferencesSuccess';
  preferences: NotificationPreferences;
};

export type UpdateServiceInput = {
  isActive?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  serviceId: Scalars['ID']['input'];
  supportLevelId?: InputMaybe<Scalars['ID']['input']>;
};

export type UpdateStaffInput = {
  departmentIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  isActive?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<StaffRole>;
  staffId: Scalars['ID']['input'];
};

export type UpdateSupportLevelInput = {
  /** Replaces the channels the level includes. */
  channels?: InputMaybe<Array<ChannelRuleInput>>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  supportLevelId: Scalars['ID']['input'];
};

/** A failure the client can act on. */
export type UserError = {
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

export type ValidationError = UserError & {
  __typename?: 'ValidationError';
  code: ErrorCode;
  /** The input field at fault, if any. */
  field?: Maybe<Scalars['String']['output']>;
  /** For the person: in Spanish or English, in the viewer's saved language (a customer's or staff member's, a guest's choice), else as Accept-Language prefers (as written without it). */
  message: Scalars['String']['output'];
};

export type Viewer = Customer | Guest | Partner | Staff;

export type VoteArticleResult = ArticleSuccess | ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError;

export type WatchTicketResult = ConflictError | InvalidTransitionError | NotAllowedError | NotFoundError | ValidationError | WatchTicketSuccess;

export type WatchTicketSuccess = {
  __typename?: 'WatchTicketSuccess';
  ticket: Ticket;
};

/** An endpoint subscribed to ticket events. Its secret is only shown in SaveWebhookSuccess (when created) and RotateWebhookSecretSuccess. */
export type Webhook = {
  __typename?: 'Webhook';
  createdAt: Scalars['DateTime']['output'];
  eventKinds: Array<EventKind>;
  id: Scalars['ID']['output'];
  isActive: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  /** The partner that owns it; null for the desk's own (every ticket). */
  partnerId?: Maybe<Scalars['ID']['output']>;
  timeoutSeconds: Scalars['Int']['output'];
  updatedAt: Scalars['DateTime']['output'];
  url: Scalars['String']['output'];
};

/** One HTTP request of a delivery. */
export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  attemptedAt: Scalars['DateTime']['output'];
  durationMs: Scalars['Int']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** The receiver's answer, if any. */
  statusCode?: Maybe<Scalars['Int']['output']>;
};

/** One ticket event sent to one webhook, with its attempts. */
export type WebhookDelivery = Node & {
  __typename?: 'WebhookDelivery';
  attemptCount: Scalars['Int']['output'];
  /** Oldest first. */
  attempts: Array<WebhookAttempt>;
  createdAt: Scalars['DateTime']['output'];
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The Mesa-Delivery header: the same on every attempt, for deduplication. */
  deliveryId: Scalars['String']['output'];
  eventKind: EventKind;
  /** The Globally Unique ID of this object */
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastStatusCode?: Maybe<Scalars['Int']['output']>;
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** The JSON body sent (without the headers). */
  payload: Scalars['JSON']['output'];
  status: WebhookDeliveryStatus;
};

/** A connection to a list of items. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** Contains the nodes in this connection */
  edges: Array<WebhookDeliveryEdge>;
  /** Pagination data for this connection */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: WebhookDelivery;
};

/** Where a webhook delivery stands. */
export type WebhookDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING'
  | 'QUEUED'
  | 'SENDING';

export type ViewerRoleQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerRoleQuery = { __typename?: 'Query', viewer?: { __typename: 'Customer' } | { __typename: 'Guest' } | { __typename: 'Partner' } | { __typename: 'Staff', id: string, role?: StaffRole | null } | null };

export type SlaReportQueryVariables = Exact<{
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
}>;


export type SlaReportQuery = { __typename?: 'Query', departments: Array<{ __typename?: 'Department', id: string, name: string, nameEs: string }>, slaReport: { __typename?: 'SlaReport', csvUrl: string, rows: Array<{ __typename?: 'SlaReportRow', impact: Impact, tickets: number, supportLevel: { __typename?: 'SupportLevel', id: string, name: string }, department: { __typename?: 'Department', id: string, name: string, nameEs: string }, assignee?: { __typename?: 'Staff', id: string, name: string } | null, firstResponses: { __typename?: 'SlaDeadlineStats', tickets: number, met: number, breached: number, running: number, medianBusinessSeconds?: number | null }, resolutions: { __typename?: 'SlaDeadlineStats', tickets: number, met: number, breached: number, running: number, medianBusinessSeconds?: number | null } }> } };

export type AdminCatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminCatalogueQuery = { __typename?: 'Query', departments: Array<{ __typename?: 'Department', id: string, code: string, name: string, nameEs: string, isActive: boolean }>, categories: Array<{ __typename?: 'Category', id: string, code: string, name: string, nameEs: string, defaultImpact: Impact, isActive: boolean, department: { __typename?: 'Department', id: string } }>, supportLevels: Array<{ __typename?: 'SupportLevel', id: string, code: string, name: string, description: string, rank: number, isActive: boolean }> };

export type SaveDepartmentMutationVariables = Exact<{
  departmentId?: InputMaybe<Scalars['ID']['input']>;
  code?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  nameEs: Scalars['String']['input'];
}>;


export type SaveDepartmentMutation = { __typename?: 'Mutation', saveDepartment: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'DepartmentSuccess', department: { __typename?: 'Department', id: string, code: string, name: string, nameEs: string, isActive: boolean } } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type SetDepartmentActiveMutationVariables = Exact<{
  departmentId: Scalars['ID']['input'];
  isActive: Scalars['Boolean']['input'];
}>;


export type SetDepartmentActiveMutation = { __typename?: 'Mutation', setDepartmentActive: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'SetDepartmentActiveSuccess', department: { __typename?: 'Department', id: string, isActive: boolean } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type SaveCategoryMutationVariables = Exact<{
  input: CategoryInput;
}>;


export type SaveCategoryMutation = { __typename?: 'Mutation', saveCategory: { __typename: 'CategorySuccess', category: { __typename?: 'Category', id: string, code: string, name: string, nameEs: string, defaultImpact: Impact, isActive: boolean, department: { __typename?: 'Department', id: string } } } | { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type SetCategoryActiveMutationVariables = Exact<{
  categoryId: Scalars['ID']['input'];
  isActive: Scalars['Boolean']['input'];
}>;


export type SetCategoryActiveMutation = { __typename?: 'Mutation', setCategoryActive: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'SetCategoryActiveSuccess', category: { __typename?: 'Category', id: string, isActive: boolean } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type UpdateSupportLevelMutationVariables = Exact<{
  input: UpdateSupportLevelInput;
}>;


export type UpdateSupportLevelMutation = { __typename?: 'Mutation', updateSupportLevel: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'SupportLevelSuccess', supportLevel: { __typename?: 'SupportLevel', id: string, name: string, description: string } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type SetSupportLevelActiveMutationVariables = Exact<{
  supportLevelId: Scalars['ID']['input'];
  isActive: Scalars['Boolean']['input'];
}>;


export type SetSupportLevelActiveMutation = { __typename?: 'Mutation', setSupportLevelActive: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'SetSupportLevelActiveSuccess', supportLevel: { __typename?: 'SupportLevel', id: string, isActive: boolean } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type AdminStaffQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminStaffQuery = { __typename?: 'Query', departments: Array<{ __typename?: 'Department', id: string, name: string, nameEs: string, isActive: boolean }>, active: Array<{ __typename?: 'Staff', id: string }>, everyone: Array<{ __typename?: 'Staff', id: string, name: string, email?: string | null, role?: StaffRole | null, departments: Array<{ __typename?: 'Department', id: string }> }> };

export type CreateStaffMutationVariables = Exact<{
  input: CreateStaffInput;
}>;


export type CreateStaffMutation = { __typename?: 'Mutation', createStaff: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'StaffSuccess', staff: { __typename?: 'Staff', id: string, name: string, email?: string | null, role?: StaffRole | null, departments: Array<{ __typename?: 'Department', id: string }> } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type UpdateStaffMutationVariables = Exact<{
  input: UpdateStaffInput;
}>;


export type UpdateStaffMutation = { __typename?: 'Mutation', updateStaff: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'StaffSuccess', staff: { __typename?: 'Staff', id: string, name: string, email?: string | null, role?: StaffRole | null, departments: Array<{ __typename?: 'Department', id: string }> } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type AdminPartnersQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminPartnersQuery = { __typename?: 'Query', partners: Array<{ __typename?: 'PartnerAccount', id: string, name: string, isActive: boolean, createdAt: string, keys: Array<{ __typename?: 'PartnerKey', id: string, name: string, prefix: string, scopes: Array<string>, requestsPerMinute: number, createdAt: string, revokedAt?: string | null }> }> };

export type CreatePartnerMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type CreatePartnerMutation = { __typename?: 'Mutation', createPartner: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'CreatePartnerSuccess', partnerId: string, name: string } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type CreatePartnerKeyMutationVariables = Exact<{
  input: CreatePartnerKeyInput;
}>;


export type CreatePartnerKeyMutation = { __typename?: 'Mutation', createPartnerKey: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'CreatePartnerKeySuccess', key?: string | null, apiKey: { __typename?: 'PartnerKey', id: string, name: string, prefix: string, scopes: Array<string>, requestsPerMinute: number, createdAt: string, revokedAt?: string | null } } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type RevokePartnerKeyMutationVariables = Exact<{
  keyId: Scalars['ID']['input'];
}>;


export type RevokePartnerKeyMutation = { __typename?: 'Mutation', revokePartnerKey: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RevokePartnerKeySuccess', apiKey: { __typename?: 'PartnerKey', id: string, revokedAt?: string | null } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type AdminCustomersQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type AdminCustomersQuery = { __typename?: 'Query', customers: { __typename?: 'CustomerConnection', totalCount: number, edges: Array<{ __typename?: 'CustomerEdge', node: { __typename?: 'Customer', id: string, clientNumber: string, name: string, services: Array<{ __typename?: 'Service', id: string, name: string, isActive: boolean, supportLevel: { __typename?: 'SupportLevel', id: string, name: string } }> } }> } };

export type AddServiceMutationVariables = Exact<{
  input: AddServiceInput;
}>;


export type AddServiceMutation = { __typename?: 'Mutation', addService: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ServiceSuccess', service: { __typename?: 'Service', id: string, name: string, isActive: boolean, supportLevel: { __typename?: 'SupportLevel', id: string, name: string } } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type UpdateServiceMutationVariables = Exact<{
  input: UpdateServiceInput;
}>;


export type UpdateServiceMutation = { __typename?: 'Mutation', updateService: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ServiceSuccess', service: { __typename?: 'Service', id: string, name: string, isActive: boolean, supportLevel: { __typename?: 'SupportLevel', id: string, name: string } } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type MacrosQueryVariables = Exact<{
  departmentId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type MacrosQuery = { __typename?: 'Query', macros: Array<{ __typename?: 'Macro', id: string, title: string, personal: boolean, department?: { __typename?: 'Department', id: string, name: string, nameEs: string } | null, actions: { __typename?: 'MacroActions', impact?: Impact | null, departmentId?: string | null, categoryId?: string | null, assignTo?: AssignTo | null, assigneeId?: string | null, addTags: Array<string>, removeTags: Array<string>, cannedResponseId?: string | null, note?: string | null, status?: FinalStatus | null } }> };

export type ApplyMacroMutationVariables = Exact<{
  input: ApplyMacroInput;
}>;


export type ApplyMacroMutation = { __typename?: 'Mutation', applyMacro: { __typename: 'ApplyMacroSuccess', ticket: { __typename?: 'Ticket', id: string, status: TicketStatus, impact: Impact, tags: Array<string>, updatedAt: string, department: { __typename?: 'Department', id: string, name: string, nameEs: string }, category?: { __typename?: 'Category', id: string, name: string, nameEs: string } | null, assignee?: { __typename?: 'Staff', id: string, name: string } | null, messages: Array<{ __typename?: 'Message', id: string, body: string, authorKind: AuthorKind, authorName: string, internal: boolean, createdAt: string, attachments: Array<{ __typename?: 'Attachment', id: string, name: string, size: number, state: AttachmentState, downloadUrl?: string | null }> }> } } | { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type MergeCandidateQueryVariables = Exact<{
  trackingId: Scalars['String']['input'];
}>;


export type MergeCandidateQuery = { __typename?: 'Query', ticket?: { __typename?: 'Ticket', id: string, number: number, trackingId: string, subject: string, status: TicketStatus, guestName?: string | null, guestEmail?: string | null, customer?: { __typename?: 'Customer', id: string, name: string } | null } | null };

export type MergeCandidatesQueryVariables = Exact<{
  search: Scalars['String']['input'];
}>;


export type MergeCandidatesQuery = { __typename?: 'Query', tickets: { __typename?: 'TicketConnection', edges: Array<{ __typename?: 'TicketEdge', node: { __typename?: 'Ticket', id: string, number: number, trackingId: string, subject: string, status: TicketStatus, guestName?: string | null, guestEmail?: string | null, customer?: { __typename?: 'Customer', id: string, name: string } | null } }> } };

export type MergeTicketsMutationVariables = Exact<{
  input: MergeTicketsInput;
}>;


export type MergeTicketsMutation = { __typename?: 'Mutation', mergeTickets: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'MergeTicketsSuccess', ticket: { __typename?: 'Ticket', id: string, number: number, trackingId: string } } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type TicketPresenceSubscriptionVariables = Exact<{
  ticketId: Scalars['ID']['input'];
}>;


export type TicketPresenceSubscription = { __typename?: 'Subscription', ticketPresence: { __typename?: 'TicketPresence', ticketId: string, agents: Array<{ __typename?: 'PresentAgent', agentId: string, name: string, typing: boolean, since: string }> } };

export type ReportPresenceMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  typing: Scalars['Boolean']['input'];
}>;


export type ReportPresenceMutation = { __typename?: 'Mutation', reportPresence: { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ReportPresenceSuccess' } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type SatisfactionSurveyQueryVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type SatisfactionSurveyQuery = { __typename?: 'Query', satisfactionSurvey: { __typename?: 'SatisfactionSurvey', ticketNumber: number, subject: string, resolvedAt?: string | null, satisfaction?: { __typename?: 'TicketSatisfaction', rating: SatisfactionRating, comment?: string | null, ratedAt: string, changedAt: string, changeableUntil: string } | null } };

export type RateTicketMutationVariables = Exact<{
  token: Scalars['String']['input'];
  rating: SatisfactionRating;
  comment?: InputMaybe<Scalars['String']['input']>;
}>;


export type RateTicketMutation = { __typename?: 'Mutation', rateTicket: { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RateTicketSuccess', survey: { __typename?: 'SatisfactionSurvey', ticketNumber: number, subject: string, resolvedAt?: string | null, satisfaction?: { __typename?: 'TicketSatisfaction', rating: SatisfactionRating, comment?: string | null, ratedAt: string, changedAt: string, changeableUntil: string } | null } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type CatalogueQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogueQuery = { __typename?: 'Query', departments: Array<{ __typename?: 'Department', id: string, name: string, nameEs: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string, nameEs: string, defaultImpact: Impact, department: { __typename?: 'Department', id: string } }> };

export type SuggestionsQueryVariables = Exact<{
  subject: Scalars['String']['input'];
  message?: InputMaybe<Scalars['String']['input']>;
}>;


export type SuggestionsQuery = { __typename?: 'Query', suggestions: { __typename?: 'Suggestions', articles: Array<{ __typename?: 'Article', id: string, slug: string, title: string, summary: string }>, tickets: Array<{ __typename?: 'Ticket', id: string, trackingId: string, number: number, subject: string, status: TicketStatus }> } };

export type CreateTicketMutationVariables = Exact<{
  input: CreateTicketInput;
}>;


export type CreateTicketMutation = { __typename?: 'Mutation', createTicket: { __typename: 'ChannelNotIncludedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'CreateTicketSuccess', awaitingConfirmation: boolean, ticket: { __typename?: 'Ticket', id: string, trackingId: string, number: number }, guestPass?: { __typename?: 'LoginSuccess', token: string } | null } | { __typename: 'FileTooLargeError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RateLimitedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type GuestAccessMutationVariables = Exact<{
  trackingId: Scalars['String']['input'];
  email: Scalars['String']['input'];
}>;


export type GuestAccessMutation = { __typename?: 'Mutation', guestAccess: { __typename: 'InvalidCredentialsError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'LoginSuccess', token: string } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RateLimitedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type RemindMutationVariables = Exact<{
  email: Scalars['String']['input'];
}>;


export type RemindMutation = { __typename?: 'Mutation', remindTrackingIds: { __typename: 'RateLimitedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RemindTrackingIdsSuccess' } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type ConfirmGuestMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type ConfirmGuestMutation = { __typename?: 'Mutation', confirmGuestTicket: { __typename: 'ConfirmGuestTicketSuccess', ticket: { __typename?: 'Ticket', trackingId: string }, guestPass: { __typename?: 'LoginSuccess', token: string } } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type TicketPageQueryVariables = Exact<{
  trackingId: Scalars['String']['input'];
}>;


export type TicketPageQuery = { __typename?: 'Query', ticket?: { __typename?: 'Ticket', id: string, number: number, trackingId: string, subject: string, status: TicketStatus, priority: Impact, impact: Impact, createdAt: string, updatedAt: string, tags: Array<string>, guestName?: string | null, guestEmail?: string | null, customer?: { __typename?: 'Customer', id: string, name: string, clientNumber: string } | null, service?: { __typename?: 'Service', id: string, name: string } | null, department: { __typename?: 'Department', id: string, name: string, nameEs: string }, category?: { __typename?: 'Category', id: string, name: string, nameEs: string } | null, assignee?: { __typename?: 'Staff', id: string, name: string } | null, sla?: { __typename?: 'TicketSla', ticketId: string, state: SlaState, clock: SlaClock, businessSecondsRemaining?: number | null, firstRespondedAt?: string | null, firstResponseExpectedAt?: string | null, firstResponseDueAt?: string | null, nextResponseExpectedAt?: string | null, nextResponseDueAt?: string | null, resolutionDueAt?: string | null } | null, viewerCan: { __typename?: 'TicketViewerCan', reply: boolean, addNote: boolean, resolve: boolean, reopen: boolean, close: boolean, assign: boolean, triage: boolean, merge: boolean }, mergedInto?: { __typename?: 'Ticket', id: string, number: number, trackingId: string } | null, events: Array<{ __typename?: 'TicketEvent', id: string }>, messages: Array<{ __typename?: 'Message', id: string, body: string, authorKind: AuthorKind, authorName: string, internal: boolean, createdAt: string, attachments: Array<{ __typename?: 'Attachment', id: string, name: string, size: number, state: AttachmentState, downloadUrl?: string | null }> }> } | null };

export type TicketHistoryQueryVariables = Exact<{
  trackingId: Scalars['String']['input'];
}>;


export type TicketHistoryQuery = { __typename?: 'Query', ticket?: { __typename?: 'Ticket', id: string, events: Array<{ __typename?: 'TicketEvent', id: string, kind: EventKind, actorName: string, internal: boolean, createdAt: string }> } | null };

export type TicketLiveSubscriptionVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['ID']['input']>;
}>;


export type TicketLiveSubscription = { __typename?: 'Subscription', ticketEvents: { __typename?: 'TicketEvent', id: string, kind: EventKind } };

export type ReplyMutationVariables = Exact<{
  input: ReplyToTicketInput;
}>;


export type ReplyMutation = { __typename?: 'Mutation', replyToTicket: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'FileTooLargeError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ReplyToTicketSuccess', reply: { __typename?: 'Message', id: string }, ticket: { __typename?: 'Ticket', id: string, status: TicketStatus, updatedAt: string } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type ResolveMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
}>;


export type ResolveMutation = { __typename?: 'Mutation', resolveTicket: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ResolveTicketSuccess', ticket: { __typename?: 'Ticket', id: string, status: TicketStatus, updatedAt: string } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type ReopenMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
  message?: InputMaybe<Scalars['String']['input']>;
}>;


export type ReopenMutation = { __typename?: 'Mutation', reopenTicket: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ReopenTicketSuccess', ticket: { __typename?: 'Ticket', id: string, status: TicketStatus, updatedAt: string } } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type CloseMutationVariables = Exact<{
  ticketId: Scalars['ID']['input'];
}>;


export type CloseMutation = { __typename?: 'Mutation', closeTicket: { __typename: 'CloseTicketSuccess', ticket: { __typename?: 'Ticket', id: string, status: TicketStatus, updatedAt: string } } | { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type ArticlesQueryVariables = Exact<{
  search?: InputMaybe<Scalars['String']['input']>;
  language?: InputMaybe<Language>;
}>;


export type ArticlesQuery = { __typename?: 'Query', articles: { __typename?: 'ArticleConnection', totalCount: number, edges: Array<{ __typename?: 'ArticleEdge', node: { __typename?: 'Article', id: string, slug: string, title: string, summary: string, language: Language, category?: { __typename?: 'Category', name: string, nameEs: string } | null } }> } };

export type ArticleQueryVariables = Exact<{
  slug: Scalars['String']['input'];
}>;


export type ArticleQuery = { __typename?: 'Query', article?: { __typename?: 'Article', id: string, slug: string, title: string, summary: string, bodyHtml: string, difficulty: Difficulty, timeNeededMinutes?: number | null, appliesTo: string, toolsRequired: string, helpfulCount?: number | null, notHelpfulCount?: number | null } | null };

export type VoteMutationVariables = Exact<{
  articleId: Scalars['ID']['input'];
  helpful: Scalars['Boolean']['input'];
  sessionId?: InputMaybe<Scalars['String']['input']>;
}>;


export type VoteMutation = { __typename?: 'Mutation', voteArticle: { __typename: 'ArticleSuccess', article: { __typename?: 'Article', id: string, helpfulCount?: number | null, notHelpfulCount?: number | null } } | { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type LoginMutationVariables = Exact<{
  clientNumber: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename: 'InvalidCredentialsError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'LoginSuccess', token: string, viewer: { __typename?: 'Customer', name: string } | { __typename?: 'Guest' } | { __typename?: 'Partner' } | { __typename?: 'Staff' } } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RateLimitedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type AgentLoginMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type AgentLoginMutation = { __typename?: 'Mutation', agentLogin: { __typename: 'InvalidCredentialsError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'LoginSuccess', token: string, viewer: { __typename?: 'Customer' } | { __typename?: 'Guest' } | { __typename?: 'Partner' } | { __typename?: 'Staff', name: string, role?: StaffRole | null } } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RateLimitedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { __typename?: 'Mutation', logout: { __typename: 'LogoutSuccess' } | { __typename: 'NotAllowedError' } };

export type RequestResetMutationVariables = Exact<{
  clientNumber: Scalars['String']['input'];
}>;


export type RequestResetMutation = { __typename?: 'Mutation', requestPasswordReset: { __typename: 'RateLimitedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RequestPasswordResetSuccess', message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type ResetPasswordMutationVariables = Exact<{
  token: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ResetPasswordMutation = { __typename?: 'Mutation', resetPassword: { __typename: 'InvalidCredentialsError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'RateLimitedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ResetPasswordSuccess', message: string } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type MyTicketsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyTicketsQuery = { __typename?: 'Query', tickets: { __typename?: 'TicketConnection', totalCount: number, edges: Array<{ __typename?: 'TicketEdge', node: { __typename?: 'Ticket', id: string, number: number, trackingId: string, subject: string, status: TicketStatus, createdAt: string, sla?: { __typename?: 'TicketSla', ticketId: string, state: SlaState } | null } }> } };

export type AnnouncementsQueryVariables = Exact<{ [key: string]: never; }>;


export type AnnouncementsQuery = { __typename?: 'Query', announcements: Array<{ __typename?: 'Announcement', id: string, kind: AnnouncementKind, severity: AnnouncementSeverity, titleEs: string, titleEn: string, bodyEs: string, bodyEn: string, underWay: boolean, startsAt: string, endsAt?: string | null }> };

export type NewTicketFormQueryVariables = Exact<{ [key: string]: never; }>;


export type NewTicketFormQuery = { __typename?: 'Query', services: Array<{ __typename?: 'Service', id: string, name: string, isActive: boolean, supportLevel: { __typename?: 'SupportLevel', name: string } }>, categories: Array<{ __typename?: 'Category', id: string, name: string, nameEs: string, department: { __typename?: 'Department', id: string } }> };

export type DeskQueryVariables = Exact<{ [key: string]: never; }>;


export type DeskQuery = { __typename?: 'Query', ticketViews: Array<{ __typename?: 'TicketView', id: string, name: string, builtIn: boolean, count: number }> };

export type ViewTicketsQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewTicketsQuery = { __typename?: 'Query', ticketViews: Array<{ __typename?: 'TicketView', id: string, tickets: { __typename?: 'TicketConnection', totalCount: number, edges: Array<{ __typename?: 'TicketEdge', node: { __typename?: 'Ticket', id: string, number: number, trackingId: string, subject: string, status: TicketStatus, priority: Impact, createdAt: string, updatedAt: string, guestName?: string | null, customer?: { __typename?: 'Customer', name: string } | null, assignee?: { __typename?: 'Staff', id: string, name: string } | null, department: { __typename?: 'Department', id: string, name: string, nameEs: string }, sla?: { __typename?: 'TicketSla', ticketId: string, state: SlaState, clock: SlaClock, businessSecondsRemaining?: number | null, firstRespondedAt?: string | null, firstResponseExpectedAt?: string | null, firstResponseDueAt?: string | null, nextResponseExpectedAt?: string | null, nextResponseDueAt?: string | null, resolutionDueAt?: string | null } | null } }> } }> };

export type ViewCountsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ViewCountsSubscription = { __typename?: 'Subscription', ticketViewCounts: { __typename?: 'TicketViewCounts', counts: Array<{ __typename?: 'TicketViewCount', viewId: string, count: number }> } };

export type QueueLiveSubscriptionVariables = Exact<{
  after?: InputMaybe<Scalars['ID']['input']>;
}>;


export type QueueLiveSubscription = { __typename?: 'Subscription', queueEvents: { __typename?: 'TicketEvent', id: string, kind: EventKind, ticketId: string } };

export type AgentToolsQueryVariables = Exact<{
  ticketId: Scalars['ID']['input'];
}>;


export type AgentToolsQuery = { __typename?: 'Query', staff: Array<{ __typename?: 'Staff', id: string, name: string }>, departments: Array<{ __typename?: 'Department', id: string, name: string, nameEs: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string, nameEs: string, department: { __typename?: 'Department', id: string } }>, cannedResponses: Array<{ __typename?: 'CannedResponse', id: string, title: string, rendered: string }> };

export type TriageMutationVariables = Exact<{
  input: TriageTicketInput;
}>;


export type TriageMutation = { __typename?: 'Mutation', triageTicket: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'TriageTicketSuccess' } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type AssignMutationVariables = Exact<{
  input: AssignTicketInput;
}>;


export type AssignMutation = { __typename?: 'Mutation', assignTicket: { __typename: 'AssignTicketSuccess' } | { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type SetTagsMutationVariables = Exact<{
  input: SetTicketTagsInput;
}>;


export type SetTagsMutation = { __typename?: 'Mutation', setTicketTags: { __typename: 'ConflictError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'InvalidTransitionError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotAllowedError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'NotFoundError', code: ErrorCode, message: string, field?: string | null } | { __typename: 'SetTicketTagsSuccess' } | { __typename: 'ValidationError', code: ErrorCode, message: string, field?: string | null } };

export type SlaAlertsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SlaAlertsSubscription = { __typename?: 'Subscription', slaAlerts: { __typename?: 'SlaAlert', eventId: string, kind: SlaAlertKind, deadline: string, dueAt?: string | null, ticket?: { __typename?: 'Ticket', id: string, number: number, trackingId: string, subject: string } | null } };


export const ViewerRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ViewerRole"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Staff"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerRoleQuery, ViewerRoleQueryVariables>;
export const SlaReportDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SlaReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slaReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"csvUrl"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"}},{"kind":"Field","name":{"kind":"Name","value":"supportLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"firstResponses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tickets"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}},{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"medianBusinessSeconds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"resolutions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tickets"}},{"kind":"Field","name":{"kind":"Name","value":"met"}},{"kind":"Field","name":{"kind":"Name","value":"breached"}},{"kind":"Field","name":{"kind":"Name","value":"running"}},{"kind":"Field","name":{"kind":"Name","value":"medianBusinessSeconds"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SlaReportQuery, SlaReportQueryVariables>;
export const AdminCatalogueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminCatalogue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"defaultImpact"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportLevels"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}}]} as unknown as DocumentNode<AdminCatalogueQuery, AdminCatalogueQueryVariables>;
export const SaveDepartmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveDepartment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"nameEs"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveDepartment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"departmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"nameEs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"nameEs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DepartmentSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SaveDepartmentMutation, SaveDepartmentMutationVariables>;
export const SetDepartmentActiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetDepartmentActive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"isActive"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDepartmentActive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"departmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"isActive"},"value":{"kind":"Variable","name":{"kind":"Name","value":"isActive"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetDepartmentActiveSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SetDepartmentActiveMutation, SetDepartmentActiveMutationVariables>;
export const SaveCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CategoryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CategorySuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"defaultImpact"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SaveCategoryMutation, SaveCategoryMutationVariables>;
export const SetCategoryActiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCategoryActive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"isActive"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setCategoryActive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"categoryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"isActive"},"value":{"kind":"Variable","name":{"kind":"Name","value":"isActive"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetCategoryActiveSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SetCategoryActiveMutation, SetCategoryActiveMutationVariables>;
export const UpdateSupportLevelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSupportLevel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSupportLevelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSupportLevel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportLevelSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateSupportLevelMutation, UpdateSupportLevelMutationVariables>;
export const SetSupportLevelActiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetSupportLevelActive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"supportLevelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"isActive"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSupportLevelActive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"supportLevelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"supportLevelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"isActive"},"value":{"kind":"Variable","name":{"kind":"Name","value":"isActive"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SetSupportLevelActiveSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SetSupportLevelActiveMutation, SetSupportLevelActiveMutationVariables>;
export const AdminStaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminStaff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"active"},"name":{"kind":"Name","value":"staff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"everyone"},"name":{"kind":"Name","value":"staff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeInactive"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AdminStaffQuery, AdminStaffQueryVariables>;
export const CreateStaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateStaff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateStaffInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createStaff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StaffSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateStaffMutation, CreateStaffMutationVariables>;
export const UpdateStaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateStaff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateStaffInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateStaff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StaffSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateStaffMutation, UpdateStaffMutationVariables>;
export const AdminPartnersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminPartners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partners"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"keys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]}}]} as unknown as DocumentNode<AdminPartnersQuery, AdminPartnersQueryVariables>;
export const CreatePartnerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePartner"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPartner"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePartnerSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partnerId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePartnerMutation, CreatePartnerMutationVariables>;
export const CreatePartnerKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePartnerKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePartnerKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPartnerKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePartnerKeySuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"requestsPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePartnerKeyMutation, CreatePartnerKeyMutationVariables>;
export const RevokePartnerKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokePartnerKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"keyId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokePartnerKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"keyId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"keyId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RevokePartnerKeySuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RevokePartnerKeyMutation, RevokePartnerKeyMutationVariables>;
export const AdminCustomersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminCustomers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientNumber"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"supportLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AdminCustomersQuery, AdminCustomersQueryVariables>;
export const AddServiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddService"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddServiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addService"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"supportLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<AddServiceMutation, AddServiceMutationVariables>;
export const UpdateServiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateService"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateServiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateService"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"supportLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateServiceMutation, UpdateServiceMutationVariables>;
export const MacrosDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Macros"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"macros"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"departmentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"departmentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"personal"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"departmentId"}},{"kind":"Field","name":{"kind":"Name","value":"categoryId"}},{"kind":"Field","name":{"kind":"Name","value":"assignTo"}},{"kind":"Field","name":{"kind":"Name","value":"assigneeId"}},{"kind":"Field","name":{"kind":"Name","value":"addTags"}},{"kind":"Field","name":{"kind":"Name","value":"removeTags"}},{"kind":"Field","name":{"kind":"Name","value":"cannedResponseId"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<MacrosQuery, MacrosQueryVariables>;
export const ApplyMacroDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApplyMacro"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyMacroInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"applyMacro"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApplyMacroSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"authorKind"}},{"kind":"Field","name":{"kind":"Name","value":"authorName"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}}]}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ApplyMacroMutation, ApplyMacroMutationVariables>;
export const MergeCandidateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MergeCandidate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trackingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"guestName"}},{"kind":"Field","name":{"kind":"Name","value":"guestEmail"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MergeCandidateQuery, MergeCandidateQueryVariables>;
export const MergeCandidatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MergeCandidates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"guestName"}},{"kind":"Field","name":{"kind":"Name","value":"guestEmail"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MergeCandidatesQuery, MergeCandidatesQueryVariables>;
export const MergeTicketsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MergeTickets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MergeTicketsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergeTickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MergeTicketsSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<MergeTicketsMutation, MergeTicketsMutationVariables>;
export const TicketPresenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TicketPresence"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketPresence"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"agents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"typing"}},{"kind":"Field","name":{"kind":"Name","value":"since"}}]}}]}}]}}]} as unknown as DocumentNode<TicketPresenceSubscription, TicketPresenceSubscriptionVariables>;
export const ReportPresenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportPresence"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"typing"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportPresence"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"typing"},"value":{"kind":"Variable","name":{"kind":"Name","value":"typing"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ReportPresenceMutation, ReportPresenceMutationVariables>;
export const SatisfactionSurveyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SatisfactionSurvey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"satisfactionSurvey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"satisfaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"ratedAt"}},{"kind":"Field","name":{"kind":"Name","value":"changedAt"}},{"kind":"Field","name":{"kind":"Name","value":"changeableUntil"}}]}}]}}]}}]} as unknown as DocumentNode<SatisfactionSurveyQuery, SatisfactionSurveyQueryVariables>;
export const RateTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RateTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"rating"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SatisfactionRating"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"comment"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rateTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"rating"},"value":{"kind":"Variable","name":{"kind":"Name","value":"rating"}}},{"kind":"Argument","name":{"kind":"Name","value":"comment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"comment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RateTicketSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"survey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketNumber"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"satisfaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"ratedAt"}},{"kind":"Field","name":{"kind":"Name","value":"changedAt"}},{"kind":"Field","name":{"kind":"Name","value":"changeableUntil"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RateTicketMutation, RateTicketMutationVariables>;
export const CatalogueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Catalogue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"defaultImpact"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CatalogueQuery, CatalogueQueryVariables>;
export const SuggestionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Suggestions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subject"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suggestions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"subject"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subject"}}},{"kind":"Argument","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"articles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<SuggestionsQuery, SuggestionsQueryVariables>;
export const CreateTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTicketSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}}]}},{"kind":"Field","name":{"kind":"Name","value":"guestPass"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}}]}},{"kind":"Field","name":{"kind":"Name","value":"awaitingConfirmation"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTicketMutation, CreateTicketMutationVariables>;
export const GuestAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GuestAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"guestAccess"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trackingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LoginSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<GuestAccessMutation, GuestAccessMutationVariables>;
export const RemindDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Remind"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"remindTrackingIds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RemindMutation, RemindMutationVariables>;
export const ConfirmGuestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmGuest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmGuestTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmGuestTicketSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trackingId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"guestPass"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ConfirmGuestMutation, ConfirmGuestMutationVariables>;
export const TicketPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TicketPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trackingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"impact"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"guestName"}},{"kind":"Field","name":{"kind":"Name","value":"guestEmail"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"service"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sla"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"clock"}},{"kind":"Field","name":{"kind":"Name","value":"businessSecondsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"firstRespondedAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseExpectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextResponseExpectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerCan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reply"}},{"kind":"Field","name":{"kind":"Name","value":"addNote"}},{"kind":"Field","name":{"kind":"Name","value":"resolve"}},{"kind":"Field","name":{"kind":"Name","value":"reopen"}},{"kind":"Field","name":{"kind":"Name","value":"close"}},{"kind":"Field","name":{"kind":"Name","value":"assign"}},{"kind":"Field","name":{"kind":"Name","value":"triage"}},{"kind":"Field","name":{"kind":"Name","value":"merge"}}]}},{"kind":"Field","name":{"kind":"Name","value":"mergedInto"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"authorKind"}},{"kind":"Field","name":{"kind":"Name","value":"authorName"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"attachments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"downloadUrl"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TicketPageQuery, TicketPageQueryVariables>;
export const TicketHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TicketHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trackingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"actorName"}},{"kind":"Field","name":{"kind":"Name","value":"internal"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<TicketHistoryQuery, TicketHistoryQueryVariables>;
export const TicketLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TicketLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]} as unknown as DocumentNode<TicketLiveSubscription, TicketLiveSubscriptionVariables>;
export const ReplyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Reply"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplyToTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replyToTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplyToTicketSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reply"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ReplyMutation, ReplyMutationVariables>;
export const ResolveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Resolve"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResolveTicketSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ResolveMutation, ResolveMutationVariables>;
export const ReopenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Reopen"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reopenTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}},{"kind":"Argument","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReopenTicketSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ReopenMutation, ReopenMutationVariables>;
export const CloseDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Close"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CloseTicketSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<CloseMutation, CloseMutationVariables>;
export const ArticlesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Articles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"language"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Language"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"articles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"language"},"value":{"kind":"Variable","name":{"kind":"Name","value":"language"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ArticlesQuery, ArticlesQueryVariables>;
export const ArticleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Article"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"article"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"bodyHtml"}},{"kind":"Field","name":{"kind":"Name","value":"difficulty"}},{"kind":"Field","name":{"kind":"Name","value":"timeNeededMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"appliesTo"}},{"kind":"Field","name":{"kind":"Name","value":"toolsRequired"}},{"kind":"Field","name":{"kind":"Name","value":"helpfulCount"}},{"kind":"Field","name":{"kind":"Name","value":"notHelpfulCount"}}]}}]}}]} as unknown as DocumentNode<ArticleQuery, ArticleQueryVariables>;
export const VoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Vote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"articleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"helpful"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"voteArticle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"articleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"articleId"}}},{"kind":"Argument","name":{"kind":"Name","value":"helpful"},"value":{"kind":"Variable","name":{"kind":"Name","value":"helpful"}}},{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ArticleSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"article"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"helpfulCount"}},{"kind":"Field","name":{"kind":"Name","value":"notHelpfulCount"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<VoteMutation, VoteMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clientNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LoginSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Customer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const AgentLoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AgentLogin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agentLogin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"LoginSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Staff"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<AgentLoginMutation, AgentLoginMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const RequestResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clientNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"RequestPasswordResetSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<RequestResetMutation, RequestResetMutationVariables>;
export const ResetPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ResetPasswordSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const MyTicketsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sla"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyTicketsQuery, MyTicketsQueryVariables>;
export const AnnouncementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Announcements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"announcements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"titleEs"}},{"kind":"Field","name":{"kind":"Name","value":"titleEn"}},{"kind":"Field","name":{"kind":"Name","value":"bodyEs"}},{"kind":"Field","name":{"kind":"Name","value":"bodyEn"}},{"kind":"Field","name":{"kind":"Name","value":"underWay"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}}]}}]}}]} as unknown as DocumentNode<AnnouncementsQuery, AnnouncementsQueryVariables>;
export const NewTicketFormDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NewTicketForm"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"services"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isActive"}},{"kind":"Field","name":{"kind":"Name","value":"supportLevel"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<NewTicketFormQuery, NewTicketFormQueryVariables>;
export const DeskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Desk"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketViews"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]} as unknown as DocumentNode<DeskQuery, DeskQueryVariables>;
export const ViewTicketsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ViewTickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketViews"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"guestName"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sla"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"clock"}},{"kind":"Field","name":{"kind":"Name","value":"businessSecondsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"firstRespondedAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseExpectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"firstResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextResponseExpectedAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextResponseDueAt"}},{"kind":"Field","name":{"kind":"Name","value":"resolutionDueAt"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViewTicketsQuery, ViewTicketsQueryVariables>;
export const ViewCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ViewCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketViewCounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"counts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewId"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<ViewCountsSubscription, ViewCountsSubscriptionVariables>;
export const QueueLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"QueueLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"ticketId"}}]}}]}}]} as unknown as DocumentNode<QueueLiveSubscription, QueueLiveSubscriptionVariables>;
export const AgentToolsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AgentTools"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"departments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"nameEs"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"cannedResponses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"rendered"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}]}]}}]}}]} as unknown as DocumentNode<AgentToolsQuery, AgentToolsQueryVariables>;
export const TriageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Triage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TriageTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"triageTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<TriageMutation, TriageMutationVariables>;
export const AssignDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Assign"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<AssignMutation, AssignMutationVariables>;
export const SetTagsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetTags"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetTicketTagsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setTicketTags"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<SetTagsMutation, SetTagsMutationVariables>;
export const SlaAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SlaAlerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slaAlerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"deadline"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"ticket"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"trackingId"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}}]}}]}}]}}]} as unknown as DocumentNode<SlaAlertsSubscription, SlaAlertsSubscriptionVariables>;