// Apollo Client 4 for Mesa: bearer token, uploads, subscriptions, cache and errors.
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import UploadHttpLink from "apollo-upload-client/UploadHttpLink.mjs";
import { createClient } from "graphql-ws";

export function createMesaApolloClient({
  url, // "https://api.example.com/graphql"
  getToken, // () => the token from login/agentLogin/guestAccess, or null
  onUnauthenticated, // the token expired or was revoked: back to the login page
  possibleTypes, // the contents of Mesa's possible-types.json
  fetch = globalThis.fetch,
  webSocketImpl = globalThis.WebSocket,
}) {
  // Every request carries the token; multipart uploads need it too (Mesa refuses
  // anonymous multipart requests, the CSRF protection for file uploads).
  const auth = new SetContextLink((prevContext) => {
    const token = getToken();
    return token
      ? { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } }
      : {};
  });
  // One shape for every GraphQL error: switch on extensions.code, never on the message.
  const errors = new ErrorLink(({ error }) => {
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")
    ) {
      onUnauthenticated();
    }
  });
  // Queries and mutations over HTTP; variables holding File or Blob become a multipart request.
  const http = new UploadHttpLink({ uri: url, fetch });
  const ws = new GraphQLWsLink(
    createClient({
      url: url.replace(/^http/, "ws"),
      webSocketImpl,
      connectionParams: () => {
        const token = getToken();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      // 4403 (token refused, origin not allowed) is final; anything else is retried.
      shouldRetry: (event) => event?.code !== 4403,
    }),
  );
  const isSubscription = ({ query }) => {
    const definition = getMainDefinition(query);
    return definition.kind === "OperationDefinition" && definition.operation === "subscription";
  };
  return new ApolloClient({
    link: ApolloLink.from([errors, auth, ApolloLink.split(isSubscription, ws, http)]),
    cache: new InMemoryCache({
      // Unions (every mutation's result, Viewer) and interfaces (Node, UserError).
      possibleTypes,
      typePolicies: {
        // Nodes are keyed by their global `id` already; a ticket's SLA by its ticket.
        TicketSla: { keyFields: ["ticketId"] },
        // What the viewer may do is part of the ticket it belongs to.
        TicketViewerCan: { keyFields: false },
      },
    }),
  });
}
