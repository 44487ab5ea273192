// Every operation the console sends; GraphQL Code Generator types them (src/gql).
import { graphql } from "./gql";

export const CATALOGUE = graphql(`
  query Catalogue {
    departments { id name nameEs }
    categories { id name nameEs defaultImpact department { id } }
  }
`);

export const SUGGESTIONS = graphql(`
  query Suggestions($subject: String!, $message: String) {
    suggestions(subject: $subject, message: $message) {
      articles { id slug title summary }
      tickets { id trackingId number subject status }
    }
  }
`);

export const CREATE_TICKET = graphql(`
  mutation CreateTicket($input: CreateTicketInput!) {
    createTicket(input: $input) {
      __typename
      ... on CreateTicketSuccess {
        ticket { id trackingId number }
        guestPass { token }
        awaitingConfirmation
      }
      ... on UserError { code message field }
    }
  }
`);

export const GUEST_ACCESS = graphql(`
  mutation GuestAccess($trackingId: String!, $email: String!) {
    guestAccess(trackingId: $trackingId, email: $email) {
      __typename
      ... on LoginSuccess { token }
      ... on UserError { code message field }
    }
  }
`);

export const REMIND = graphql(`
  mutation Remind($email: String!) {
    remindTrackingIds(email: $email) {
      __typename
      ... on UserError { code message field }
    }
  }
`);

export const CONFIRM_GUEST = graphql(`
  mutation ConfirmGuest($token: String!) {
    confirmGuestTicket(token: $token) {
      __typename
      ... on ConfirmGuestTicketSuccess { ticket { trackingId } guestPass { token } }
      ... on UserError { code message field }
    }
  }
`);

export const TICKET = graphql(`
  query TicketPage($trackingId: String!) {
    ticket(trackingId: $trackingId) {
      id number trackingId subject status priority impact createdAt updatedAt tags
      guestName guestEmail
      customer { id name clientNumber }
      service { id name }
      department { id name nameEs }
      category { id name nameEs }
      assignee { id name }
      sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }
      viewerCan { reply addNote resolve reopen close assign triage merge }
      mergedInto { id number trackingId }
      events { id }
      messages {
        id body authorKind authorName internal createdAt
        attachments { id name size state downloadUrl }
      }
    }
  }
`);

export const TICKET_HISTORY = graphql(`
  query TicketHistory($trackingId: String!) {
    ticket(trackingId: $trackingId) {
      id
      events { id kind actorName internal createdAt }
    }
  }
`);

export const TICKET_EVENTS = graphql(`
  subscription TicketLive($ticketId: ID!, $after: ID) {
    ticketEvents(ticketId: $ticketId, after: $after) { id kind }
  }
`);

export const REPLY = graphql(`
  mutation Reply($input: ReplyToTicketInput!) {
    replyToTicket(input: $input) {
      __typename
      ... on ReplyToTicketSuccess { reply { id } ticket { id status updatedAt } }
      ... on UserError { code message field }
    }
  }
`);

export const RESOLVE = graphql(`
  mutation Resolve($ticketId: ID!) {
    resolveTicket(ticketId: $ticketId) {
      __typename
      ... on ResolveTicketSuccess { ticket { id status updatedAt } }
      ... on UserError { code message field }
    }
  }
`);

export const REOPEN = graphql(`
  mutation Reopen($ticketId: ID!, $message: String) {
    reopenTicket(ticketId: $ticketId, message: $message) {
      __typename
      ... on ReopenTicketSuccess { ticket { id status updatedAt } }
      ... on UserError { code message field }
    }
  }
`);

export const CLOSE = graphql(`
  mutation Close($ticketId: ID!) {
    closeTicket(ticketId: $ticketId) {
      __typename
      ... on CloseTicketSuccess { ticket { id status updatedAt } }
      ... on UserError { code message field }
    }
  }
`);

export const ARTICLES = graphql(`
  query Articles($search: String, $language: Language) {
    articles(search: $search, language: $language, first: 30) {
      totalCount
      edges { node { id slug title summary language category { name nameEs } } }
    }
  }
`);

export const ARTICLE = graphql(`
  query Article($slug: String!) {
    article(slug: $slug) {
      id slug title summary bodyHtml difficulty timeNeededMinutes appliesTo toolsRequired
      helpfulCount notHelpfulCount
    }
  }
`);

export const VOTE = graphql(`
  mutation Vote($articleId: ID!, $helpful: Boolean!, $sessionId: String) {
    voteArticle(articleId: $articleId, helpful: $helpful, sessionId: $sessionId) {
      __typename
      ... on ArticleSuccess { article { id helpfulCount notHelpfulCount } }
      ... on UserError { code message field }
    }
  }
`);

export const LOGIN = graphql(`
  mutation Login($clientNumber: String!, $password: String!) {
    login(clientNumber: $clientNumber, password: $password) {
      __typename
      ... on LoginSuccess { token viewer { ... on Customer { name } } }
      ... on UserError { code message field }
    }
  }
`);

export const AGENT_LOGIN = graphql(`
  mutation AgentLogin($email: String!, $password: String!) {
    agentLogin(email: $email, password: $password) {
      __typename
      ... on LoginSuccess { token viewer { ... on Staff { name role } } }
      ... on UserError { code message field }
    }
  }
`);

export const LOGOUT = graphql(`
  mutation Logout {
    logout { __typename }
  }
`);

export const REQUEST_RESET = graphql(`
  mutation RequestReset($clientNumber: String!) {
    requestPasswordReset(clientNumber: $clientNumber) {
      __typename
      ... on RequestPasswordResetSuccess { message }
      ... on UserError { code message field }
    }
  }
`);

export const RESET_PASSWORD = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      __typename
      ... on ResetPasswordSuccess { message }
      ... on UserError { code message field }
    }
  }
`);

export const MY_TICKETS = graphql(`
  query MyTickets {
    tickets(first: 50) {
      totalCount
      edges { node { id number trackingId subject status createdAt sla { ticketId state } } }
    }
  }
`);

export const ANNOUNCEMENTS = graphql(`
  query Announcements {
    announcements { id kind severity titleEs titleEn bodyEs bodyEn underWay startsAt endsAt }
  }
`);

export const NEW_TICKET_FORM = graphql(`
  query NewTicketForm {
    services { id name isActive supportLevel { name } }
    categories { id name nameEs department { id } }
  }
`);

export const DESK = graphql(`
  query Desk {
    ticketViews { id name builtIn count }
  }
`);

export const VIEW_TICKETS = graphql(`
  query ViewTickets {
    ticketViews {
      id
      tickets(first: 50) {
        totalCount
        edges {
          node {
            id number trackingId subject status priority createdAt updatedAt
            guestName customer { name }
            assignee { id name }
            department { id name nameEs }
            sla { ticketId state clock businessSecondsRemaining firstRespondedAt firstResponseExpectedAt firstResponseDueAt nextResponseExpectedAt nextResponseDueAt resolutionDueAt }
          }
        }
      }
    }
  }
`);

export const VIEW_COUNTS = graphql(`
  subscription ViewCounts {
    ticketViewCounts { counts { viewId count } }
  }
`);

export const QUEUE_EVENTS = graphql(`
  subscription QueueLive($after: ID) {
    queueEvents(after: $after) { id kind ticketId }
  }
`);

export const AGENT_TOOLS = graphql(`
  query AgentTools($ticketId: ID!) {
    staff { id name }
    departments { id name nameEs }
    categories { id name nameEs department { id } }
    cannedResponses { id title rendered(ticketId: $ticketId) }
  }
`);

export const TRIAGE = graphql(`
  mutation Triage($input: TriageTicketInput!) {
    triageTicket(input: $input) {
      __typename
      ... on UserError { code message field }
    }
  }
`);

export const ASSIGN = graphql(`
  mutation Assign($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      __typename
      ... on UserError { code message field }
    }
  }
`);

export const SET_TAGS = graphql(`
  mutation SetTags($input: SetTicketTagsInput!) {
    setTicketTags(input: $input) {
      __typename
      ... on UserError { code message field }
    }
  }
`);

export const SLA_ALERTS = graphql(`
  subscription SlaAlerts {
    slaAlerts { eventId kind deadline dueAt ticket { id number trackingId subject } }
  }
`);
