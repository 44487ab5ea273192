// The agent desk's ticket tools (macros, merge, presence) and the rating page's operations;
// GraphQL Code Generator types them (src/gql) like those in ops.ts.
import { graphql } from "./gql";

export const MACROS = graphql(`
  query Macros($departmentId: ID) {
    macros(departmentId: $departmentId) {
      id title personal
      department { id name nameEs }
      actions {
        impact departmentId categoryId assignTo assigneeId addTags removeTags
        cannedResponseId note status
      }
    }
  }
`);

export const APPLY_MACRO = graphql(`
  mutation ApplyMacro($input: ApplyMacroInput!) {
    applyMacro(input: $input) {
      __typename
      ... on ApplyMacroSuccess {
        ticket {
          id status impact tags updatedAt
          department { id name nameEs }
          category { id name nameEs }
          assignee { id name }
          messages {
            id body authorKind authorName internal createdAt
            attachments { id name size state downloadUrl }
          }
        }
      }
      ... on UserError { code message field }
    }
  }
`);

export const MERGE_CANDIDATE = graphql(`
  query MergeCandidate($trackingId: String!) {
    ticket(trackingId: $trackingId) {
      id number trackingId subject status
      guestName guestEmail customer { id name }
    }
  }
`);

export const MERGE_CANDIDATES = graphql(`
  query MergeCandidates($search: String!) {
    tickets(filter: { search: $search }, first: 20) {
      edges {
        node {
          id number trackingId subject status
          guestName guestEmail customer { id name }
        }
      }
    }
  }
`);

export const MERGE_TICKETS = graphql(`
  mutation MergeTickets($input: MergeTicketsInput!) {
    mergeTickets(input: $input) {
      __typename
      ... on MergeTicketsSuccess { ticket { id number trackingId } }
      ... on UserError { code message field }
    }
  }
`);

export const TICKET_PRESENCE = graphql(`
  subscription TicketPresence($ticketId: ID!) {
    ticketPresence(ticketId: $ticketId) {
      ticketId
      agents { agentId name typing since }
    }
  }
`);

export const REPORT_PRESENCE = graphql(`
  mutation ReportPresence($ticketId: ID!, $typing: Boolean!) {
    reportPresence(ticketId: $ticketId, typing: $typing) {
      __typename
      ... on UserError { code message field }
    }
  }
`);

export const SATISFACTION_SURVEY = graphql(`
  query SatisfactionSurvey($token: String!) {
    satisfactionSurvey(token: $token) {
      ticketNumber subject resolvedAt
      satisfaction { rating comment ratedAt changedAt changeableUntil }
    }
  }
`);

export const RATE_TICKET = graphql(`
  mutation RateTicket($token: String!, $rating: SatisfactionRating!, $comment: String) {
    rateTicket(token: $token, rating: $rating, comment: $comment) {
      __typename
      ... on RateTicketSuccess {
        survey {
          ticketNumber subject resolvedAt
          satisfaction { rating comment ratedAt changedAt changeableUntil }
        }
      }
      ... on UserError { code message field }
    }
  }
`);
