// One Apollo Client for the console: bearer token, uploads, subscriptions over graphql-ws.
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition } from "@apollo/client/utilities";
import UploadHttpLink from "apollo-upload-client/UploadHttpLink.mjs";
import { type Client, createClient } from "graphql-ws";
import possibleTypes from "../../possible-types.json";
import { getLanguage } from "./i18n";
import { getSession, setSession } from "./session";

/** Same origin by default; `<meta name="mesa-api" content="https://api.example">` otherwise. */
export function apiUrl(): string {
  const configured = document.querySelector<HTMLMetaElement>('meta[name="mesa-api"]')?.content;
  const base = configured?.trim() || location.origin;
  return `${base.replace(/\/$/, "")}/graphql`;
}

/** Links the API gives (downloads) are relative to it. */
export function apiLink(path: string): string {
  return new URL(path, apiUrl()).toString();
}

let wsClient: Client | null = null;

/** After signing in or out: the WebSocket reconnects with the new token. */
export function restartLive(): void {
  wsClient?.terminate();
}

export function createApolloClient(): ApolloClient {
  const url = apiUrl();
  const auth = new SetContextLink((prev) => {
    const token = getSession()?.token;
    const headers: Record<string, string> = {
      ...(prev.headers as Record<string, string> | undefined),
      "accept-language": getLanguage(),
    };
    // `context: { anonymous: true }`: a request made as nobody (a guest opening a ticket).
    if (token && !prev.anonymous) headers.authorization = `Bearer ${token}`;
    return { headers };
  });
  const errors = new ErrorLink(({ error }) => {
    if (
      CombinedGraphQLErrors.is(error) &&
      error.errors.some((e) => e.extensions?.code === "UNAUTHENTICATED")
    ) {
      setSession(null);
      restartLive();
    }
  });
  const http = new UploadHttpLink({ uri: url });
  wsClient = createClient({
    url: url.replace(/^http/, "ws"),
    lazy: true,
    connectionParams: () => {
      const token = getSession()?.token;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    shouldRetry: (event) => (event as CloseEvent | undefined)?.code !== 4403,
    retryAttempts: 20,
  });
  const ws = new GraphQLWsLink(wsClient);
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === "OperationDefinition" && definition.operation === "subscription";
  };
  return new ApolloClient({
    link: ApolloLink.from([errors, auth, ApolloLink.split(isSubscription, ws, http)]),
    cache: new InMemoryCache({
      possibleTypes,
      typePolicies: {
        TicketSla: { keyFields: ["ticketId"] },
        TicketViewerCan: { keyFields: false },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: "cache-and-network" },
      // A failed request resolves (data undefined) and the form says so, instead of throwing.
      mutate: { errorPolicy: "all" },
    },
  });
}

declare module "@apollo/client" {
  namespace ApolloClient {
    namespace DeclareDefaultOptions {
      interface Mutate {
        errorPolicy: "all";
      }
    }
  }
}
