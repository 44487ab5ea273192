// urql for Mesa: bearer token, subscriptions over graphql-ws, errors.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from "@urql/core";
import { createClient as createWsClient } from "graphql-ws";

export function createMesaUrqlClient({
  url,
  getToken,
  onUnauthenticated,
  fetch = globalThis.fetch,
  webSocketImpl = globalThis.WebSocket,
}) {
  const ws = createWsClient({
    url: url.replace(/^http/, "ws"),
    webSocketImpl,
    connectionParams: () => {
      const token = getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    shouldRetry: (event) => event?.code !== 4403,
  });
  return new Client({
    url,
    fetch,
    fetchOptions: () => {
      const token = getToken();
      return token ? { headers: { authorization: `Bearer ${token}` } } : {};
    },
    exchanges: [
      mapExchange({
        onError(error) {
          if (error.graphQLErrors.some((e) => e.extensions?.code === "UNAUTHENTICATED")) {
            onUnauthenticated();
          }
        },
      }),
      // The document cache: a mutation's result refetches the queries of the types it
      // returned. (For a normalised cache, give @urql/exchange-graphcache the schema
      // introspected from schema.graphql, and `keys: { TicketSla: (sla) => sla.ticketId }`.)
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query || "" }, sink) }),
        }),
      }),
    ],
  });
}
