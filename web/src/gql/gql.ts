/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ViewerRole {\n    viewer { __typename ... on Staff { id role } }\n  }\n": typeof types.ViewerRoleDocument,
    "\n  query SlaReport($from: DateTime!, $to: DateTime!) {\n    departments(includeInactive: true) { id name nameEs }\n    slaReport(from: $from, to: $to) {\n      csvUrl\n      rows {\n        impact tickets\n        supportLevel { id name }\n        department { id name nameEs }\n        assignee { id name }\n        firstResponses { tickets met breached running medianBusinessSeconds }\n        resolutions { tickets met breached running medianBusinessSeconds }\n      }\n    }\n  }\n": typeof types.SlaReportDocument,
    "\n  query AdminCatalogue {\n    departments(includeInactive: true) { id code name nameEs isActive }\n    categories(includeInactive: true) { id code name nameEs defaultImpact isActive department { id } }\n    supportLevels(includeInactive: true) { id code name description rank isActive }\n  }\n": typeof types.AdminCatalogueDocument,
    "\n  mutation SaveDepartment($departmentId: ID, $code: String, $name: String!, $nameEs: String!) {\n    saveDepartment(departmentId: $departmentId, code: $code, name: $name, nameEs: $nameEs) {\n      __typename\n      ... on DepartmentSuccess { department { id code name nameEs isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.SaveDepartmentDocument,
    "\n  mutation SetDepartmentActive($departmentId: ID!, $isActive: Boolean!) {\n    setDepartmentActive(departmentId: $departmentId, isActive: $isActive) {\n      __typename\n      ... on SetDepartmentActiveSuccess { department { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.SetDepartmentActiveDocument,
    "\n  mutation SaveCategory($input: CategoryInput!) {\n    saveCategory(input: $input) {\n      __typename\n      ... on CategorySuccess { category { id code name nameEs defaultImpact isActive department { id } } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.SaveCategoryDocument,
    "\n  mutation SetCategoryActive($categoryId: ID!, $isActive: Boolean!) {\n    setCategoryActive(categoryId: $categoryId, isActive: $isActive) {\n      __typename\n      ... on SetCategoryActiveSuccess { category { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.SetCategoryActiveDocument,
    "\n  mutation UpdateSupportLevel($input: UpdateSupportLevelInput!) {\n    updateSupportLevel(input: $input) {\n      __typename\n      ... on SupportLevelSuccess { supportLevel { id name description } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.UpdateSupportLevelDocument,
    "\n  mutation SetSupportLevelActive($supportLevelId: ID!, $isActive: Boolean!) {\n    setSupportLevelActive(supportLevelId: $supportLevelId, isActive: $isActive) {\n      __typename\n      ... on SetSupportLevelActiveSuccess { supportLevel { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.SetSupportLevelActiveDocument,
    "\n  query AdminStaff {\n    departments(includeInactive: true) { id name nameEs isActive }\n    active: staff { id }\n    everyone: staff(includeInactive: true) { id name email role departments { id } }\n  }\n": typeof types.AdminStaffDocument,
    "\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.CreateStaffDocument,
    "\n  mutation UpdateStaff($input: UpdateStaffInput!) {\n    updateStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.UpdateStaffDocument,
    "\n  query AdminPartners {\n    partners {\n      id name isActive createdAt\n      keys { id name prefix scopes requestsPerMinute createdAt revokedAt }\n    }\n  }\n": typeof types.AdminPartnersDocument,
    "\n  mutation CreatePartner($name: String!) {\n    createPartner(name: $name) {\n      __typename\n      ... on CreatePartnerSuccess { partnerId name }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.CreatePartnerDocument,
    "\n  mutation CreatePartnerKey($input: CreatePartnerKeyInput!) {\n    createPartnerKey(input: $input) {\n      __typename\n      ... on CreatePartnerKeySuccess { key apiKey { id name prefix scopes requestsPerMinute createdAt revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.CreatePartnerKeyDocument,
    "\n  mutation RevokePartnerKey($keyId: ID!) {\n    revokePartnerKey(keyId: $keyId) {\n      __typename\n      ... on RevokePartnerKeySuccess { apiKey { id revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.RevokePartnerKeyDocument,
    "\n  query AdminCustomers($search: String) {\n    customers(search: $search, first: 10) {\n      totalCount\n      edges { node { id clientNumber name services { id name isActive supportLevel { id name } } } }\n    }\n  }\n": typeof types.AdminCustomersDocument,
    "\n  mutation AddService($input: AddServiceInput!) {\n    addService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.AddServiceDocument,
    "\n  mutation UpdateService($input: UpdateServiceInput!) {\n    updateService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.UpdateServiceDocument,
    "\n  query Macros($departmentId: ID) {\n    macros(departmentId: $departmentId) {\n      id title personal\n      department { id name nameEs }\n      actions {\n        impact departmentId categoryId assignTo assigneeId addTags removeTags\n        cannedResponseId note status\n      }\n    }\n  }\n": typeof types.MacrosDocument,
    "\n  mutation ApplyMacro($input: ApplyMacroInput!) {\n    applyMacro(input: $input) {\n      __typename\n      ... on ApplyMacroSuccess {\n        ticket {\n          id status impact tags updatedAt\n          department { id name nameEs }\n          category { id name nameEs }\n          assignee { id name }\n          messages {\n            id body authorKind authorName internal createdAt\n            attachments { id name size state downloadUrl }\n          }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.ApplyMacroDocument,
    "\n  query MergeCandidate($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status\n      guestName guestEmail customer { id name }\n    }\n  }\n": typeof types.MergeCandidateDocument,
    "\n  query MergeCandidates($search: String!) {\n    tickets(filter: { search: $search }, first: 20) {\n      edges {\n        node {\n          id number trackingId subject status\n          guestName guestEmail customer { id name }\n        }\n      }\n    }\n  }\n": typeof types.MergeCandidatesDocument,
    "\n  mutation MergeTickets($input: MergeTicketsInput!) {\n    mergeTickets(input: $input) {\n      __typename\n      ... on MergeTicketsSuccess { ticket { id number trackingId } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.MergeTicketsDocument,
    "\n  subscription TicketPresence($ticketId: ID!) {\n    ticketPresence(ticketId: $ticketId) {\n      ticketId\n      agents { agentId name typing since }\n    }\n  }\n": typeof types.TicketPresenceDocument,
    "\n  mutation ReportPresence($ticketId: ID!, $typing: Boolean!) {\n    reportPresence(ticketId: $ticketId, typing: $typing) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.ReportPresenceDocument,
    "\n  query SatisfactionSurvey($token: String!) {\n    satisfactionSurvey(token: $token) {\n      ticketNumber subject resolvedAt\n      satisfaction { rating comment ratedAt changedAt changeableUntil }\n    }\n  }\n": typeof types.SatisfactionSurveyDocument,
    "\n  mutation RateTicket($token: String!, $rating: SatisfactionRating!, $comment: String) {\n    rateTicket(token: $token, rating: $rating, comment: $comment) {\n      __typename\n      ... on RateTicketSuccess {\n        survey {\n          ticketNumber subject resolvedAt\n          satisfaction { rating comment ratedAt changedAt changeableUntil }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.RateTicketDocument,
    "\n  query Catalogue {\n    departments { id name nameEs }\n    categories { id name nameEs defaultImpact department { id } }\n  }\n": typeof types.CatalogueDocument,
    "\n  query Suggestions($subject: String!, $message: String) {\n    suggestions(subject: $subject, message: $message) {\n      articles { id slug title summary }\n      tickets { id trackingId number subject status }\n    }\n  }\n": typeof types.SuggestionsDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      __typename\n      ... on CreateTicketSuccess {\n        ticket { id trackingId number }\n        guestPass { token }\n        awaitingConfirmation\n      }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.CreateTicketDocument,
    "\n  mutation GuestAccess($trackingId: String!, $email: String!) {\n    guestAccess(trackingId: $trackingId, email: $email) {\n      __typename\n      ... on LoginSuccess { token }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.GuestAccessDocument,
    "\n  mutation Remind($email: String!) {\n    remindTrackingIds(email: $email) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.RemindDocument,
    "\n  mutation ConfirmGuest($token: String!) {\n    confirmGuestTicket(token: $token) {\n      __typename\n      ... on ConfirmGuestTicketSuccess { ticket { trackingId } guestPass { token } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.ConfirmGuestDocument,
    "\n  query TicketPage($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status priority impact createdAt updatedAt tags\n      guestName guestEmail\n      customer { id name clientNumber }\n      service { id name }\n      department { id name nameEs }\n      category { id name nameEs }\n      assignee { id name }\n      sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n      viewerCan { reply addNote resolve reopen close assign triage merge }\n      mergedInto { id number trackingId }\n      events { id }\n      messages {\n        id body authorKind authorName internal createdAt\n        attachments { id name size state downloadUrl }\n      }\n    }\n  }\n": typeof types.TicketPageDocument,
    "\n  query TicketHistory($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id\n      events { id kind actorName internal createdAt }\n    }\n  }\n": typeof types.TicketHistoryDocument,
    "\n  subscription TicketLive($ticketId: ID!, $after: ID) {\n    ticketEvents(ticketId: $ticketId, after: $after) { id kind }\n  }\n": typeof types.TicketLiveDocument,
    "\n  mutation Reply($input: ReplyToTicketInput!) {\n    replyToTicket(input: $input) {\n      __typename\n      ... on ReplyToTicketSuccess { reply { id } ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.ReplyDocument,
    "\n  mutation Resolve($ticketId: ID!) {\n    resolveTicket(ticketId: $ticketId) {\n      __typename\n      ... on ResolveTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.ResolveDocument,
    "\n  mutation Reopen($ticketId: ID!, $message: String) {\n    reopenTicket(ticketId: $ticketId, message: $message) {\n      __typename\n      ... on ReopenTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.ReopenDocument,
    "\n  mutation Close($ticketId: ID!) {\n    closeTicket(ticketId: $ticketId) {\n      __typename\n      ... on CloseTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.CloseDocument,
    "\n  query Articles($search: String, $language: Language) {\n    articles(search: $search, language: $language, first: 30) {\n      totalCount\n      edges { node { id slug title summary language category { name nameEs } } }\n    }\n  }\n": typeof types.ArticlesDocument,
    "\n  query Article($slug: String!) {\n    article(slug: $slug) {\n      id slug title summary bodyHtml difficulty timeNeededMinutes appliesTo toolsRequired\n      helpfulCount notHelpfulCount\n    }\n  }\n": typeof types.ArticleDocument,
    "\n  mutation Vote($articleId: ID!, $helpful: Boolean!, $sessionId: String) {\n    voteArticle(articleId: $articleId, helpful: $helpful, sessionId: $sessionId) {\n      __typename\n      ... on ArticleSuccess { article { id helpfulCount notHelpfulCount } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.VoteDocument,
    "\n  mutation Login($clientNumber: String!, $password: String!) {\n    login(clientNumber: $clientNumber, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Customer { name } } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation AgentLogin($email: String!, $password: String!) {\n    agentLogin(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Staff { name role } } }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.AgentLoginDocument,
    "\n  mutation Logout {\n    logout { __typename }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation RequestReset($clientNumber: String!) {\n    requestPasswordReset(clientNumber: $clientNumber) {\n      __typename\n      ... on RequestPasswordResetSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.RequestResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on ResetPasswordSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  query MyTickets {\n    tickets(first: 50) {\n      totalCount\n      edges { node { id number trackingId subject status createdAt sla { ticketId state } } }\n    }\n  }\n": typeof types.MyTicketsDocument,
    "\n  query Announcements {\n    announcements { id kind severity titleEs titleEn bodyEs bodyEn underWay startsAt endsAt }\n  }\n": typeof types.AnnouncementsDocument,
    "\n  query NewTicketForm {\n    services { id name isActive supportLevel { name } }\n    categories { id name nameEs department { id } }\n  }\n": typeof types.NewTicketFormDocument,
    "\n  query Desk {\n    ticketViews { id name builtIn count }\n  }\n": typeof types.DeskDocument,
    "\n  query ViewTickets {\n    ticketViews {\n      id\n      tickets(first: 50) {\n        totalCount\n        edges {\n          node {\n            id number trackingId subject status priority createdAt updatedAt\n            guestName customer { name }\n            assignee { id name }\n            department { id name nameEs }\n            sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ViewTicketsDocument,
    "\n  subscription ViewCounts {\n    ticketViewCounts { counts { viewId count } }\n  }\n": typeof types.ViewCountsDocument,
    "\n  subscription QueueLive($after: ID) {\n    queueEvents(after: $after) { id kind ticketId }\n  }\n": typeof types.QueueLiveDocument,
    "\n  query AgentTools($ticketId: ID!) {\n    staff { id name }\n    departments { id name nameEs }\n    categories { id name nameEs department { id } }\n    cannedResponses { id title rendered(ticketId: $ticketId) }\n  }\n": typeof types.AgentToolsDocument,
    "\n  mutation Triage($input: TriageTicketInput!) {\n    triageTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.TriageDocument,
    "\n  mutation Assign($input: AssignTicketInput!) {\n    assignTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.AssignDocument,
    "\n  mutation SetTags($input: SetTicketTagsInput!) {\n    setTicketTags(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": typeof types.SetTagsDocument,
    "\n  subscription SlaAlerts {\n    slaAlerts { eventId kind deadline dueAt ticket { id number trackingId subject } }\n  }\n": typeof types.SlaAlertsDocument,
};
const documents: Documents = {
    "\n  query ViewerRole {\n    viewer { __typename ... on Staff { id role } }\n  }\n": types.ViewerRoleDocument,
    "\n  query SlaReport($from: DateTime!, $to: DateTime!) {\n    departments(includeInactive: true) { id name nameEs }\n    slaReport(from: $from, to: $to) {\n      csvUrl\n      rows {\n        impact tickets\n        supportLevel { id name }\n        department { id name nameEs }\n        assignee { id name }\n        firstResponses { tickets met breached running medianBusinessSeconds }\n        resolutions { tickets met breached running medianBusinessSeconds }\n      }\n    }\n  }\n": types.SlaReportDocument,
    "\n  query AdminCatalogue {\n    departments(includeInactive: true) { id code name nameEs isActive }\n    categories(includeInactive: true) { id code name nameEs defaultImpact isActive department { id } }\n    supportLevels(includeInactive: true) { id code name description rank isActive }\n  }\n": types.AdminCatalogueDocument,
    "\n  mutation SaveDepartment($departmentId: ID, $code: String, $name: String!, $nameEs: String!) {\n    saveDepartment(departmentId: $departmentId, code: $code, name: $name, nameEs: $nameEs) {\n      __typename\n      ... on DepartmentSuccess { department { id code name nameEs isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": types.SaveDepartmentDocument,
    "\n  mutation SetDepartmentActive($departmentId: ID!, $isActive: Boolean!) {\n    setDepartmentActive(departmentId: $departmentId, isActive: $isActive) {\n      __typename\n      ... on SetDepartmentActiveSuccess { department { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": types.SetDepartmentActiveDocument,
    "\n  mutation SaveCategory($input: CategoryInput!) {\n    saveCategory(input: $input) {\n      __typename\n      ... on CategorySuccess { category { id code name nameEs defaultImpact isActive department { id } } }\n      ... on UserError { code message field }\n    }\n  }\n": types.SaveCategoryDocument,
    "\n  mutation SetCategoryActive($categoryId: ID!, $isActive: Boolean!) {\n    setCategoryActive(categoryId: $categoryId, isActive: $isActive) {\n      __typename\n      ... on SetCategoryActiveSuccess { category { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": types.SetCategoryActiveDocument,
    "\n  mutation UpdateSupportLevel($input: UpdateSupportLevelInput!) {\n    updateSupportLevel(input: $input) {\n      __typename\n      ... on SupportLevelSuccess { supportLevel { id name description } }\n      ... on UserError { code message field }\n    }\n  }\n": types.UpdateSupportLevelDocument,
    "\n  mutation SetSupportLevelActive($supportLevelId: ID!, $isActive: Boolean!) {\n    setSupportLevelActive(supportLevelId: $supportLevelId, isActive: $isActive) {\n      __typename\n      ... on SetSupportLevelActiveSuccess { supportLevel { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n": types.SetSupportLevelActiveDocument,
    "\n  query AdminStaff {\n    departments(includeInactive: true) { id name nameEs isActive }\n    active: staff { id }\n    everyone: staff(includeInactive: true) { id name email role departments { id } }\n  }\n": types.AdminStaffDocument,
    "\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n": types.CreateStaffDocument,
    "\n  mutation UpdateStaff($input: UpdateStaffInput!) {\n    updateStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n": types.UpdateStaffDocument,
    "\n  query AdminPartners {\n    partners {\n      id name isActive createdAt\n      keys { id name prefix scopes requestsPerMinute createdAt revokedAt }\n    }\n  }\n": types.AdminPartnersDocument,
    "\n  mutation CreatePartner($name: String!) {\n    createPartner(name: $name) {\n      __typename\n      ... on CreatePartnerSuccess { partnerId name }\n      ... on UserError { code message field }\n    }\n  }\n": types.CreatePartnerDocument,
    "\n  mutation CreatePartnerKey($input: CreatePartnerKeyInput!) {\n    createPartnerKey(input: $input) {\n      __typename\n      ... on CreatePartnerKeySuccess { key apiKey { id name prefix scopes requestsPerMinute createdAt revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": types.CreatePartnerKeyDocument,
    "\n  mutation RevokePartnerKey($keyId: ID!) {\n    revokePartnerKey(keyId: $keyId) {\n      __typename\n      ... on RevokePartnerKeySuccess { apiKey { id revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": types.RevokePartnerKeyDocument,
    "\n  query AdminCustomers($search: String) {\n    customers(search: $search, first: 10) {\n      totalCount\n      edges { node { id clientNumber name services { id name isActive supportLevel { id name } } } }\n    }\n  }\n": types.AdminCustomersDocument,
    "\n  mutation AddService($input: AddServiceInput!) {\n    addService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n": types.AddServiceDocument,
    "\n  mutation UpdateService($input: UpdateServiceInput!) {\n    updateService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n": types.UpdateServiceDocument,
    "\n  query Macros($departmentId: ID) {\n    macros(departmentId: $departmentId) {\n      id title personal\n      department { id name nameEs }\n      actions {\n        impact departmentId categoryId assignTo assigneeId addTags removeTags\n        cannedResponseId note status\n      }\n    }\n  }\n": types.MacrosDocument,
    "\n  mutation ApplyMacro($input: ApplyMacroInput!) {\n    applyMacro(input: $input) {\n      __typename\n      ... on ApplyMacroSuccess {\n        ticket {\n          id status impact tags updatedAt\n          department { id name nameEs }\n          category { id name nameEs }\n          assignee { id name }\n          messages {\n            id body authorKind authorName internal createdAt\n            attachments { id name size state downloadUrl }\n          }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n": types.ApplyMacroDocument,
    "\n  query MergeCandidate($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status\n      guestName guestEmail customer { id name }\n    }\n  }\n": types.MergeCandidateDocument,
    "\n  query MergeCandidates($search: String!) {\n    tickets(filter: { search: $search }, first: 20) {\n      edges {\n        node {\n          id number trackingId subject status\n          guestName guestEmail customer { id name }\n        }\n      }\n    }\n  }\n": types.MergeCandidatesDocument,
    "\n  mutation MergeTickets($input: MergeTicketsInput!) {\n    mergeTickets(input: $input) {\n      __typename\n      ... on MergeTicketsSuccess { ticket { id number trackingId } }\n      ... on UserError { code message field }\n    }\n  }\n": types.MergeTicketsDocument,
    "\n  subscription TicketPresence($ticketId: ID!) {\n    ticketPresence(ticketId: $ticketId) {\n      ticketId\n      agents { agentId name typing since }\n    }\n  }\n": types.TicketPresenceDocument,
    "\n  mutation ReportPresence($ticketId: ID!, $typing: Boolean!) {\n    reportPresence(ticketId: $ticketId, typing: $typing) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": types.ReportPresenceDocument,
    "\n  query SatisfactionSurvey($token: String!) {\n    satisfactionSurvey(token: $token) {\n      ticketNumber subject resolvedAt\n      satisfaction { rating comment ratedAt changedAt changeableUntil }\n    }\n  }\n": types.SatisfactionSurveyDocument,
    "\n  mutation RateTicket($token: String!, $rating: SatisfactionRating!, $comment: String) {\n    rateTicket(token: $token, rating: $rating, comment: $comment) {\n      __typename\n      ... on RateTicketSuccess {\n        survey {\n          ticketNumber subject resolvedAt\n          satisfaction { rating comment ratedAt changedAt changeableUntil }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n": types.RateTicketDocument,
    "\n  query Catalogue {\n    departments { id name nameEs }\n    categories { id name nameEs defaultImpact department { id } }\n  }\n": types.CatalogueDocument,
    "\n  query Suggestions($subject: String!, $message: String) {\n    suggestions(subject: $subject, message: $message) {\n      articles { id slug title summary }\n      tickets { id trackingId number subject status }\n    }\n  }\n": types.SuggestionsDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      __typename\n      ... on CreateTicketSuccess {\n        ticket { id trackingId number }\n        guestPass { token }\n        awaitingConfirmation\n      }\n      ... on UserError { code message field }\n    }\n  }\n": types.CreateTicketDocument,
    "\n  mutation GuestAccess($trackingId: String!, $email: String!) {\n    guestAccess(trackingId: $trackingId, email: $email) {\n      __typename\n      ... on LoginSuccess { token }\n      ... on UserError { code message field }\n    }\n  }\n": types.GuestAccessDocument,
    "\n  mutation Remind($email: String!) {\n    remindTrackingIds(email: $email) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": types.RemindDocument,
    "\n  mutation ConfirmGuest($token: String!) {\n    confirmGuestTicket(token: $token) {\n      __typename\n      ... on ConfirmGuestTicketSuccess { ticket { trackingId } guestPass { token } }\n      ... on UserError { code message field }\n    }\n  }\n": types.ConfirmGuestDocument,
    "\n  query TicketPage($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status priority impact createdAt updatedAt tags\n      guestName guestEmail\n      customer { id name clientNumber }\n      service { id name }\n      department { id name nameEs }\n      category { id name nameEs }\n      assignee { id name }\n      sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n      viewerCan { reply addNote resolve reopen close assign triage merge }\n      mergedInto { id number trackingId }\n      events { id }\n      messages {\n        id body authorKind authorName internal createdAt\n        attachments { id name size state downloadUrl }\n      }\n    }\n  }\n": types.TicketPageDocument,
    "\n  query TicketHistory($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id\n      events { id kind actorName internal createdAt }\n    }\n  }\n": types.TicketHistoryDocument,
    "\n  subscription TicketLive($ticketId: ID!, $after: ID) {\n    ticketEvents(ticketId: $ticketId, after: $after) { id kind }\n  }\n": types.TicketLiveDocument,
    "\n  mutation Reply($input: ReplyToTicketInput!) {\n    replyToTicket(input: $input) {\n      __typename\n      ... on ReplyToTicketSuccess { reply { id } ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": types.ReplyDocument,
    "\n  mutation Resolve($ticketId: ID!) {\n    resolveTicket(ticketId: $ticketId) {\n      __typename\n      ... on ResolveTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": types.ResolveDocument,
    "\n  mutation Reopen($ticketId: ID!, $message: String) {\n    reopenTicket(ticketId: $ticketId, message: $message) {\n      __typename\n      ... on ReopenTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": types.ReopenDocument,
    "\n  mutation Close($ticketId: ID!) {\n    closeTicket(ticketId: $ticketId) {\n      __typename\n      ... on CloseTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n": types.CloseDocument,
    "\n  query Articles($search: String, $language: Language) {\n    articles(search: $search, language: $language, first: 30) {\n      totalCount\n      edges { node { id slug title summary language category { name nameEs } } }\n    }\n  }\n": types.ArticlesDocument,
    "\n  query Article($slug: String!) {\n    article(slug: $slug) {\n      id slug title summary bodyHtml difficulty timeNeededMinutes appliesTo toolsRequired\n      helpfulCount notHelpfulCount\n    }\n  }\n": types.ArticleDocument,
    "\n  mutation Vote($articleId: ID!, $helpful: Boolean!, $sessionId: String) {\n    voteArticle(articleId: $articleId, helpful: $helpful, sessionId: $sessionId) {\n      __typename\n      ... on ArticleSuccess { article { id helpfulCount notHelpfulCount } }\n      ... on UserError { code message field }\n    }\n  }\n": types.VoteDocument,
    "\n  mutation Login($clientNumber: String!, $password: String!) {\n    login(clientNumber: $clientNumber, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Customer { name } } }\n      ... on UserError { code message field }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation AgentLogin($email: String!, $password: String!) {\n    agentLogin(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Staff { name role } } }\n      ... on UserError { code message field }\n    }\n  }\n": types.AgentLoginDocument,
    "\n  mutation Logout {\n    logout { __typename }\n  }\n": types.LogoutDocument,
    "\n  mutation RequestReset($clientNumber: String!) {\n    requestPasswordReset(clientNumber: $clientNumber) {\n      __typename\n      ... on RequestPasswordResetSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n": types.RequestResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on ResetPasswordSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  query MyTickets {\n    tickets(first: 50) {\n      totalCount\n      edges { node { id number trackingId subject status createdAt sla { ticketId state } } }\n    }\n  }\n": types.MyTicketsDocument,
    "\n  query Announcements {\n    announcements { id kind severity titleEs titleEn bodyEs bodyEn underWay startsAt endsAt }\n  }\n": types.AnnouncementsDocument,
    "\n  query NewTicketForm {\n    services { id name isActive supportLevel { name } }\n    categories { id name nameEs department { id } }\n  }\n": types.NewTicketFormDocument,
    "\n  query Desk {\n    ticketViews { id name builtIn count }\n  }\n": types.DeskDocument,
    "\n  query ViewTickets {\n    ticketViews {\n      id\n      tickets(first: 50) {\n        totalCount\n        edges {\n          node {\n            id number trackingId subject status priority createdAt updatedAt\n            guestName customer { name }\n            assignee { id name }\n            department { id name nameEs }\n            sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n          }\n        }\n      }\n    }\n  }\n": types.ViewTicketsDocument,
    "\n  subscription ViewCounts {\n    ticketViewCounts { counts { viewId count } }\n  }\n": types.ViewCountsDocument,
    "\n  subscription QueueLive($after: ID) {\n    queueEvents(after: $after) { id kind ticketId }\n  }\n": types.QueueLiveDocument,
    "\n  query AgentTools($ticketId: ID!) {\n    staff { id name }\n    departments { id name nameEs }\n    categories { id name nameEs department { id } }\n    cannedResponses { id title rendered(ticketId: $ticketId) }\n  }\n": types.AgentToolsDocument,
    "\n  mutation Triage($input: TriageTicketInput!) {\n    triageTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": types.TriageDocument,
    "\n  mutation Assign($input: AssignTicketInput!) {\n    assignTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": types.AssignDocument,
    "\n  mutation SetTags($input: SetTicketTagsInput!) {\n    setTicketTags(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n": types.SetTagsDocument,
    "\n  subscription SlaAlerts {\n    slaAlerts { eventId kind deadline dueAt ticket { id number trackingId subject } }\n  }\n": types.SlaAlertsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerRole {\n    viewer { __typename ... on Staff { id role } }\n  }\n"): (typeof documents)["\n  query ViewerRole {\n    viewer { __typename ... on Staff { id role } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SlaReport($from: DateTime!, $to: DateTime!) {\n    departments(includeInactive: true) { id name nameEs }\n    slaReport(from: $from, to: $to) {\n      csvUrl\n      rows {\n        impact tickets\n        supportLevel { id name }\n        department { id name nameEs }\n        assignee { id name }\n        firstResponses { tickets met breached running medianBusinessSeconds }\n        resolutions { tickets met breached running medianBusinessSeconds }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SlaReport($from: DateTime!, $to: DateTime!) {\n    departments(includeInactive: true) { id name nameEs }\n    slaReport(from: $from, to: $to) {\n      csvUrl\n      rows {\n        impact tickets\n        supportLevel { id name }\n        department { id name nameEs }\n        assignee { id name }\n        firstResponses { tickets met breached running medianBusinessSeconds }\n        resolutions { tickets met breached running medianBusinessSeconds }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCatalogue {\n    departments(includeInactive: true) { id code name nameEs isActive }\n    categories(includeInactive: true) { id code name nameEs defaultImpact isActive department { id } }\n    supportLevels(includeInactive: true) { id code name description rank isActive }\n  }\n"): (typeof documents)["\n  query AdminCatalogue {\n    departments(includeInactive: true) { id code name nameEs isActive }\n    categories(includeInactive: true) { id code name nameEs defaultImpact isActive department { id } }\n    supportLevels(includeInactive: true) { id code name description rank isActive }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveDepartment($departmentId: ID, $code: String, $name: String!, $nameEs: String!) {\n    saveDepartment(departmentId: $departmentId, code: $code, name: $name, nameEs: $nameEs) {\n      __typename\n      ... on DepartmentSuccess { department { id code name nameEs isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveDepartment($departmentId: ID, $code: String, $name: String!, $nameEs: String!) {\n    saveDepartment(departmentId: $departmentId, code: $code, name: $name, nameEs: $nameEs) {\n      __typename\n      ... on DepartmentSuccess { department { id code name nameEs isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDepartmentActive($departmentId: ID!, $isActive: Boolean!) {\n    setDepartmentActive(departmentId: $departmentId, isActive: $isActive) {\n      __typename\n      ... on SetDepartmentActiveSuccess { department { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation SetDepartmentActive($departmentId: ID!, $isActive: Boolean!) {\n    setDepartmentActive(departmentId: $departmentId, isActive: $isActive) {\n      __typename\n      ... on SetDepartmentActiveSuccess { department { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveCategory($input: CategoryInput!) {\n    saveCategory(input: $input) {\n      __typename\n      ... on CategorySuccess { category { id code name nameEs defaultImpact isActive department { id } } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation SaveCategory($input: CategoryInput!) {\n    saveCategory(input: $input) {\n      __typename\n      ... on CategorySuccess { category { id code name nameEs defaultImpact isActive department { id } } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCategoryActive($categoryId: ID!, $isActive: Boolean!) {\n    setCategoryActive(categoryId: $categoryId, isActive: $isActive) {\n      __typename\n      ... on SetCategoryActiveSuccess { category { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation SetCategoryActive($categoryId: ID!, $isActive: Boolean!) {\n    setCategoryActive(categoryId: $categoryId, isActive: $isActive) {\n      __typename\n      ... on SetCategoryActiveSuccess { category { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSupportLevel($input: UpdateSupportLevelInput!) {\n    updateSupportLevel(input: $input) {\n      __typename\n      ... on SupportLevelSuccess { supportLevel { id name description } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSupportLevel($input: UpdateSupportLevelInput!) {\n    updateSupportLevel(input: $input) {\n      __typename\n      ... on SupportLevelSuccess { supportLevel { id name description } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSupportLevelActive($supportLevelId: ID!, $isActive: Boolean!) {\n    setSupportLevelActive(supportLevelId: $supportLevelId, isActive: $isActive) {\n      __typename\n      ... on SetSupportLevelActiveSuccess { supportLevel { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation SetSupportLevelActive($supportLevelId: ID!, $isActive: Boolean!) {\n    setSupportLevelActive(supportLevelId: $supportLevelId, isActive: $isActive) {\n      __typename\n      ... on SetSupportLevelActiveSuccess { supportLevel { id isActive } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminStaff {\n    departments(includeInactive: true) { id name nameEs isActive }\n    active: staff { id }\n    everyone: staff(includeInactive: true) { id name email role departments { id } }\n  }\n"): (typeof documents)["\n  query AdminStaff {\n    departments(includeInactive: true) { id name nameEs isActive }\n    active: staff { id }\n    everyone: staff(includeInactive: true) { id name email role departments { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateStaff($input: CreateStaffInput!) {\n    createStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateStaff($input: UpdateStaffInput!) {\n    updateStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateStaff($input: UpdateStaffInput!) {\n    updateStaff(input: $input) {\n      __typename\n      ... on StaffSuccess { staff { id name email role departments { id } } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPartners {\n    partners {\n      id name isActive createdAt\n      keys { id name prefix scopes requestsPerMinute createdAt revokedAt }\n    }\n  }\n"): (typeof documents)["\n  query AdminPartners {\n    partners {\n      id name isActive createdAt\n      keys { id name prefix scopes requestsPerMinute createdAt revokedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePartner($name: String!) {\n    createPartner(name: $name) {\n      __typename\n      ... on CreatePartnerSuccess { partnerId name }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePartner($name: String!) {\n    createPartner(name: $name) {\n      __typename\n      ... on CreatePartnerSuccess { partnerId name }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePartnerKey($input: CreatePartnerKeyInput!) {\n    createPartnerKey(input: $input) {\n      __typename\n      ... on CreatePartnerKeySuccess { key apiKey { id name prefix scopes requestsPerMinute createdAt revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePartnerKey($input: CreatePartnerKeyInput!) {\n    createPartnerKey(input: $input) {\n      __typename\n      ... on CreatePartnerKeySuccess { key apiKey { id name prefix scopes requestsPerMinute createdAt revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokePartnerKey($keyId: ID!) {\n    revokePartnerKey(keyId: $keyId) {\n      __typename\n      ... on RevokePartnerKeySuccess { apiKey { id revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokePartnerKey($keyId: ID!) {\n    revokePartnerKey(keyId: $keyId) {\n      __typename\n      ... on RevokePartnerKeySuccess { apiKey { id revokedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCustomers($search: String) {\n    customers(search: $search, first: 10) {\n      totalCount\n      edges { node { id clientNumber name services { id name isActive supportLevel { id name } } } }\n    }\n  }\n"): (typeof documents)["\n  query AdminCustomers($search: String) {\n    customers(search: $search, first: 10) {\n      totalCount\n      edges { node { id clientNumber name services { id name isActive supportLevel { id name } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddService($input: AddServiceInput!) {\n    addService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation AddService($input: AddServiceInput!) {\n    addService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateService($input: UpdateServiceInput!) {\n    updateService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateService($input: UpdateServiceInput!) {\n    updateService(input: $input) {\n      __typename\n      ... on ServiceSuccess { service { id name isActive supportLevel { id name } } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Macros($departmentId: ID) {\n    macros(departmentId: $departmentId) {\n      id title personal\n      department { id name nameEs }\n      actions {\n        impact departmentId categoryId assignTo assigneeId addTags removeTags\n        cannedResponseId note status\n      }\n    }\n  }\n"): (typeof documents)["\n  query Macros($departmentId: ID) {\n    macros(departmentId: $departmentId) {\n      id title personal\n      department { id name nameEs }\n      actions {\n        impact departmentId categoryId assignTo assigneeId addTags removeTags\n        cannedResponseId note status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyMacro($input: ApplyMacroInput!) {\n    applyMacro(input: $input) {\n      __typename\n      ... on ApplyMacroSuccess {\n        ticket {\n          id status impact tags updatedAt\n          department { id name nameEs }\n          category { id name nameEs }\n          assignee { id name }\n          messages {\n            id body authorKind authorName internal createdAt\n            attachments { id name size state downloadUrl }\n          }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation ApplyMacro($input: ApplyMacroInput!) {\n    applyMacro(input: $input) {\n      __typename\n      ... on ApplyMacroSuccess {\n        ticket {\n          id status impact tags updatedAt\n          department { id name nameEs }\n          category { id name nameEs }\n          assignee { id name }\n          messages {\n            id body authorKind authorName internal createdAt\n            attachments { id name size state downloadUrl }\n          }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MergeCandidate($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status\n      guestName guestEmail customer { id name }\n    }\n  }\n"): (typeof documents)["\n  query MergeCandidate($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status\n      guestName guestEmail customer { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MergeCandidates($search: String!) {\n    tickets(filter: { search: $search }, first: 20) {\n      edges {\n        node {\n          id number trackingId subject status\n          guestName guestEmail customer { id name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MergeCandidates($search: String!) {\n    tickets(filter: { search: $search }, first: 20) {\n      edges {\n        node {\n          id number trackingId subject status\n          guestName guestEmail customer { id name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeTickets($input: MergeTicketsInput!) {\n    mergeTickets(input: $input) {\n      __typename\n      ... on MergeTicketsSuccess { ticket { id number trackingId } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation MergeTickets($input: MergeTicketsInput!) {\n    mergeTickets(input: $input) {\n      __typename\n      ... on MergeTicketsSuccess { ticket { id number trackingId } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TicketPresence($ticketId: ID!) {\n    ticketPresence(ticketId: $ticketId) {\n      ticketId\n      agents { agentId name typing since }\n    }\n  }\n"): (typeof documents)["\n  subscription TicketPresence($ticketId: ID!) {\n    ticketPresence(ticketId: $ticketId) {\n      ticketId\n      agents { agentId name typing since }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportPresence($ticketId: ID!, $typing: Boolean!) {\n    reportPresence(ticketId: $ticketId, typing: $typing) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation ReportPresence($ticketId: ID!, $typing: Boolean!) {\n    reportPresence(ticketId: $ticketId, typing: $typing) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SatisfactionSurvey($token: String!) {\n    satisfactionSurvey(token: $token) {\n      ticketNumber subject resolvedAt\n      satisfaction { rating comment ratedAt changedAt changeableUntil }\n    }\n  }\n"): (typeof documents)["\n  query SatisfactionSurvey($token: String!) {\n    satisfactionSurvey(token: $token) {\n      ticketNumber subject resolvedAt\n      satisfaction { rating comment ratedAt changedAt changeableUntil }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RateTicket($token: String!, $rating: SatisfactionRating!, $comment: String) {\n    rateTicket(token: $token, rating: $rating, comment: $comment) {\n      __typename\n      ... on RateTicketSuccess {\n        survey {\n          ticketNumber subject resolvedAt\n          satisfaction { rating comment ratedAt changedAt changeableUntil }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation RateTicket($token: String!, $rating: SatisfactionRating!, $comment: String) {\n    rateTicket(token: $token, rating: $rating, comment: $comment) {\n      __typename\n      ... on RateTicketSuccess {\n        survey {\n          ticketNumber subject resolvedAt\n          satisfaction { rating comment ratedAt changedAt changeableUntil }\n        }\n      }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalogue {\n    departments { id name nameEs }\n    categories { id name nameEs defaultImpact department { id } }\n  }\n"): (typeof documents)["\n  query Catalogue {\n    departments { id name nameEs }\n    categories { id name nameEs defaultImpact department { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Suggestions($subject: String!, $message: String) {\n    suggestions(subject: $subject, message: $message) {\n      articles { id slug title summary }\n      tickets { id trackingId number subject status }\n    }\n  }\n"): (typeof documents)["\n  query Suggestions($subject: String!, $message: String) {\n    suggestions(subject: $subject, message: $message) {\n      articles { id slug title summary }\n      tickets { id trackingId number subject status }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      __typename\n      ... on CreateTicketSuccess {\n        ticket { id trackingId number }\n        guestPass { token }\n        awaitingConfirmation\n      }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      __typename\n      ... on CreateTicketSuccess {\n        ticket { id trackingId number }\n        guestPass { token }\n        awaitingConfirmation\n      }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GuestAccess($trackingId: String!, $email: String!) {\n    guestAccess(trackingId: $trackingId, email: $email) {\n      __typename\n      ... on LoginSuccess { token }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation GuestAccess($trackingId: String!, $email: String!) {\n    guestAccess(trackingId: $trackingId, email: $email) {\n      __typename\n      ... on LoginSuccess { token }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Remind($email: String!) {\n    remindTrackingIds(email: $email) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Remind($email: String!) {\n    remindTrackingIds(email: $email) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmGuest($token: String!) {\n    confirmGuestTicket(token: $token) {\n      __typename\n      ... on ConfirmGuestTicketSuccess { ticket { trackingId } guestPass { token } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmGuest($token: String!) {\n    confirmGuestTicket(token: $token) {\n      __typename\n      ... on ConfirmGuestTicketSuccess { ticket { trackingId } guestPass { token } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketPage($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status priority impact createdAt updatedAt tags\n      guestName guestEmail\n      customer { id name clientNumber }\n      service { id name }\n      department { id name nameEs }\n      category { id name nameEs }\n      assignee { id name }\n      sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n      viewerCan { reply addNote resolve reopen close assign triage merge }\n      mergedInto { id number trackingId }\n      events { id }\n      messages {\n        id body authorKind authorName internal createdAt\n        attachments { id name size state downloadUrl }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketPage($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id number trackingId subject status priority impact createdAt updatedAt tags\n      guestName guestEmail\n      customer { id name clientNumber }\n      service { id name }\n      department { id name nameEs }\n      category { id name nameEs }\n      assignee { id name }\n      sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n      viewerCan { reply addNote resolve reopen close assign triage merge }\n      mergedInto { id number trackingId }\n      events { id }\n      messages {\n        id body authorKind authorName internal createdAt\n        attachments { id name size state downloadUrl }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketHistory($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id\n      events { id kind actorName internal createdAt }\n    }\n  }\n"): (typeof documents)["\n  query TicketHistory($trackingId: String!) {\n    ticket(trackingId: $trackingId) {\n      id\n      events { id kind actorName internal createdAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TicketLive($ticketId: ID!, $after: ID) {\n    ticketEvents(ticketId: $ticketId, after: $after) { id kind }\n  }\n"): (typeof documents)["\n  subscription TicketLive($ticketId: ID!, $after: ID) {\n    ticketEvents(ticketId: $ticketId, after: $after) { id kind }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reply($input: ReplyToTicketInput!) {\n    replyToTicket(input: $input) {\n      __typename\n      ... on ReplyToTicketSuccess { reply { id } ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Reply($input: ReplyToTicketInput!) {\n    replyToTicket(input: $input) {\n      __typename\n      ... on ReplyToTicketSuccess { reply { id } ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Resolve($ticketId: ID!) {\n    resolveTicket(ticketId: $ticketId) {\n      __typename\n      ... on ResolveTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Resolve($ticketId: ID!) {\n    resolveTicket(ticketId: $ticketId) {\n      __typename\n      ... on ResolveTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Reopen($ticketId: ID!, $message: String) {\n    reopenTicket(ticketId: $ticketId, message: $message) {\n      __typename\n      ... on ReopenTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Reopen($ticketId: ID!, $message: String) {\n    reopenTicket(ticketId: $ticketId, message: $message) {\n      __typename\n      ... on ReopenTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Close($ticketId: ID!) {\n    closeTicket(ticketId: $ticketId) {\n      __typename\n      ... on CloseTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Close($ticketId: ID!) {\n    closeTicket(ticketId: $ticketId) {\n      __typename\n      ... on CloseTicketSuccess { ticket { id status updatedAt } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Articles($search: String, $language: Language) {\n    articles(search: $search, language: $language, first: 30) {\n      totalCount\n      edges { node { id slug title summary language category { name nameEs } } }\n    }\n  }\n"): (typeof documents)["\n  query Articles($search: String, $language: Language) {\n    articles(search: $search, language: $language, first: 30) {\n      totalCount\n      edges { node { id slug title summary language category { name nameEs } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Article($slug: String!) {\n    article(slug: $slug) {\n      id slug title summary bodyHtml difficulty timeNeededMinutes appliesTo toolsRequired\n      helpfulCount notHelpfulCount\n    }\n  }\n"): (typeof documents)["\n  query Article($slug: String!) {\n    article(slug: $slug) {\n      id slug title summary bodyHtml difficulty timeNeededMinutes appliesTo toolsRequired\n      helpfulCount notHelpfulCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Vote($articleId: ID!, $helpful: Boolean!, $sessionId: String) {\n    voteArticle(articleId: $articleId, helpful: $helpful, sessionId: $sessionId) {\n      __typename\n      ... on ArticleSuccess { article { id helpfulCount notHelpfulCount } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Vote($articleId: ID!, $helpful: Boolean!, $sessionId: String) {\n    voteArticle(articleId: $articleId, helpful: $helpful, sessionId: $sessionId) {\n      __typename\n      ... on ArticleSuccess { article { id helpfulCount notHelpfulCount } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($clientNumber: String!, $password: String!) {\n    login(clientNumber: $clientNumber, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Customer { name } } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($clientNumber: String!, $password: String!) {\n    login(clientNumber: $clientNumber, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Customer { name } } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AgentLogin($email: String!, $password: String!) {\n    agentLogin(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Staff { name role } } }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation AgentLogin($email: String!, $password: String!) {\n    agentLogin(email: $email, password: $password) {\n      __typename\n      ... on LoginSuccess { token viewer { ... on Staff { name role } } }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout { __typename }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout { __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestReset($clientNumber: String!) {\n    requestPasswordReset(clientNumber: $clientNumber) {\n      __typename\n      ... on RequestPasswordResetSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation RequestReset($clientNumber: String!) {\n    requestPasswordReset(clientNumber: $clientNumber) {\n      __typename\n      ... on RequestPasswordResetSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on ResetPasswordSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      __typename\n      ... on ResetPasswordSuccess { message }\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTickets {\n    tickets(first: 50) {\n      totalCount\n      edges { node { id number trackingId subject status createdAt sla { ticketId state } } }\n    }\n  }\n"): (typeof documents)["\n  query MyTickets {\n    tickets(first: 50) {\n      totalCount\n      edges { node { id number trackingId subject status createdAt sla { ticketId state } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Announcements {\n    announcements { id kind severity titleEs titleEn bodyEs bodyEn underWay startsAt endsAt }\n  }\n"): (typeof documents)["\n  query Announcements {\n    announcements { id kind severity titleEs titleEn bodyEs bodyEn underWay startsAt endsAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NewTicketForm {\n    services { id name isActive supportLevel { name } }\n    categories { id name nameEs department { id } }\n  }\n"): (typeof documents)["\n  query NewTicketForm {\n    services { id name isActive supportLevel { name } }\n    categories { id name nameEs department { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Desk {\n    ticketViews { id name builtIn count }\n  }\n"): (typeof documents)["\n  query Desk {\n    ticketViews { id name builtIn count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewTickets {\n    ticketViews {\n      id\n      tickets(first: 50) {\n        totalCount\n        edges {\n          node {\n            id number trackingId subject status priority createdAt updatedAt\n            guestName customer { name }\n            assignee { id name }\n            department { id name nameEs }\n            sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ViewTickets {\n    ticketViews {\n      id\n      tickets(first: 50) {\n        totalCount\n        edges {\n          node {\n            id number trackingId subject status priority createdAt updatedAt\n            guestName customer { name }\n            assignee { id name }\n            department { id name nameEs }\n            sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ViewCounts {\n    ticketViewCounts { counts { viewId count } }\n  }\n"): (typeof documents)["\n  subscription ViewCounts {\n    ticketViewCounts { counts { viewId count } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueLive($after: ID) {\n    queueEvents(after: $after) { id kind ticketId }\n  }\n"): (typeof documents)["\n  subscription QueueLive($after: ID) {\n    queueEvents(after: $after) { id kind ticketId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgentTools($ticketId: ID!) {\n    staff { id name }\n    departments { id name nameEs }\n    categories { id name nameEs department { id } }\n    cannedResponses { id title rendered(ticketId: $ticketId) }\n  }\n"): (typeof documents)["\n  query AgentTools($ticketId: ID!) {\n    staff { id name }\n    departments { id name nameEs }\n    categories { id name nameEs department { id } }\n    cannedResponses { id title rendered(ticketId: $ticketId) }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Triage($input: TriageTicketInput!) {\n    triageTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Triage($input: TriageTicketInput!) {\n    triageTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Assign($input: AssignTicketInput!) {\n    assignTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation Assign($input: AssignTicketInput!) {\n    assignTicket(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetTags($input: SetTicketTagsInput!) {\n    setTicketTags(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"): (typeof documents)["\n  mutation SetTags($input: SetTicketTagsInput!) {\n    setTicketTags(input: $input) {\n      __typename\n      ... on UserError { code message field }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SlaAlerts {\n    slaAlerts { eventId kind deadline dueAt ticket { id number trackingId subject } }\n  }\n"): (typeof documents)["\n  subscription SlaAlerts {\n    slaAlerts { eventId kind deadline dueAt ticket { id number trackingId subject } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;