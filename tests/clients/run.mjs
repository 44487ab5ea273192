// Runs the guide's Apollo Client, graphql-ws and urql setups against a live `mesa serve`
// from another origin, as a browser app would. Prints "ok <step>" per step; exits 1 on failure.
import { readFileSync } from "node:fs";
import { gql } from "@apollo/client";
import { createMesaApolloClient } from "./apollo.mjs";
import { browserFetch, browserWebSocket } from "./browser.mjs";
import { createMesaUrqlClient } from "./urql.mjs";

const url = `${process.env.MESA_URL}/graphql`;
const origin = process.env.MESA_ORIGIN;
const possibleTypes = JSON.parse(readFileSync(process.env.MESA_POSSIBLE_TYPES, "utf8"));
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==",
  "base64",
);

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function session(token = null, options = {}) {
  const state = { token, unauthenticated: 0 };
  const settings = {
    url,
    getToken: () => state.token,
    onUnauthenticated: () => (state.unauthenticated += 1),
    possibleTypes,
    fetch: browserFetch(options.origin || origin),
    webSocketImpl: browserWebSocket(options.origin || origin),
  };
  state.apollo = createMesaApolloClient(settings);
  state.urql = createMesaUrqlClient(settings);
  return state;
}

const AGENT_LOGIN = gql`
  mutation ($email: String!, $password: String!) {
    agentLogin(email: $email, password: $password) {
      ... on LoginSuccess { token viewer { ... on Staff { id email role departments { code } } } }
      ... on UserError { code message field }
    }
  }
`;
const LOGIN = gql`
  mutation ($n: String!, $p: String!) {
    login(clientNumber: $n, password: $p) {
      ... on LoginSuccess { token }
      ... on UserError { code message field }
    }
  }
`;
const CREATE = gql`
  mutation ($input: CreateTicketInput!) {
    createTicket(input: $input) {
      ... on CreateTicketSuccess {
        ticket { id trackingId attachments { name state } viewerCan { reply resolve close } }
        guestPass { token }
      }
      ... on UserError { code message field }
    }
  }
`;
const REPLY = gql`
  mutation ($id: ID!, $m: String!) {
    replyToTicket(input: { ticketId: $id, message: $m }) {
      ... on ReplyToTicketSuccess { ticket { id status } reply { id body } }
      ... on UserError { code message field }
    }
  }
`;
const EVENTS = gql`
  subscription ($id: ID!, $after: ID) {
    ticketEvents(ticketId: $id, after: $after) { id kind message { body } }
  }
`;

async function step(name, run) {
  await run();
  console.log(`ok ${name}`);
}

function nextMessage(client, variables) {
  // A subscription's events up to the first carrying a message, then unsubscribes (a closed
  // tab); resolves with that event.
  return new Promise((resolve, reject) => {
    const seen = [];
    const timer = setTimeout(() => reject(new Error(JSON.stringify(seen))), 15000);
    const subscription = client.subscribe({ query: EVENTS, variables }).subscribe({
      next: ({ data }) => {
        seen.push(data.ticketEvents);
        if (data.ticketEvents.message) {
          clearTimeout(timer);
          subscription.unsubscribe();
          resolve(data.ticketEvents);
        }
      },
      error: reject,
    });
  });
}

const agent = session();
const customer = session();
let ticket;

await step("apollo: agentLogin returns the whole viewer", async () => {
  const { data } = await agent.apollo.mutate({
    mutation: AGENT_LOGIN,
    variables: { email: "agent@mesa.example", password: "demo-password" },
  });
  const viewer = data.agentLogin.viewer;
  assert(viewer.email === "agent@mesa.example" && viewer.role === "AGENT", JSON.stringify(viewer));
  agent.token = data.agentLogin.token;
});

await step("apollo: upload a file with createTicket (multipart, cross-origin)", async () => {
  const { data: login } = await customer.apollo.mutate({
    mutation: LOGIN,
    variables: { n: "C-1001", p: "demo-password" },
  });
  customer.token = login.login.token;
  const { data: lists } = await customer.apollo.query({
    query: gql`{ services { id } categories { id code } }`,
  });
  const category = lists.categories.find((c) => c.code === "dns_configuration");
  const { data } = await customer.apollo.mutate({
    mutation: CREATE,
    variables: {
      input: {
        subject: "Los registros DNS no propagan",
        message: "Adjunto una captura del panel.",
        serviceId: lists.services[0].id,
        categoryId: category.id,
        attachments: [new File([PNG], "captura.png", { type: "image/png" })],
      },
    },
  });
  ticket = data.createTicket.ticket;
  assert(ticket?.attachments?.[0]?.name === "captura.png", JSON.stringify(data));
  assert(ticket.viewerCan.reply && !ticket.viewerCan.close, JSON.stringify(ticket.viewerCan));
});

await step("apollo: ticket list with totalCount, SLA keyed by its ticket", async () => {
  const { data } = await agent.apollo.query({
    query: gql`{ tickets(first: 5) { totalCount edges { node { id sla { ticketId } } } } }`,
  });
  assert(data.tickets.totalCount >= 1, JSON.stringify(data));
  const node = data.tickets.edges[0].node;
  assert(!node.sla || node.sla.ticketId === node.id, JSON.stringify(node));
});

await step("graphql-ws: live events, then resume after a disconnect", async () => {
  const live = nextMessage(customer.apollo, { id: ticket.id });
  await new Promise((resolve) => setTimeout(resolve, 500)); // subscribed before the reply
  await agent.apollo.mutate({ mutation: REPLY, variables: { id: ticket.id, m: "Primera" } });
  const first = await live;
  assert(first.message?.body === "Primera", JSON.stringify(first));
  // While the tab was closed, another reply arrived: resume after the last event seen.
  await agent.apollo.mutate({ mutation: REPLY, variables: { id: ticket.id, m: "Segunda" } });
  const missed = await nextMessage(customer.apollo, { id: ticket.id, after: first.id });
  assert(missed.message.body === "Segunda", JSON.stringify(missed));
});

await step("apollo: user errors and GraphQL errors", async () => {
  const { data } = await customer.apollo.mutate({
    mutation: REPLY,
    variables: { id: "VGlja2V0Ojk5OTk5OTk=", m: "Hola" },
  });
  assert(data.replyToTicket.code === "NOT_FOUND", JSON.stringify(data));
  const expired = session("mesa_c_not-a-real-token");
  let error;
  try {
    await expired.apollo.query({ query: gql`{ viewer { __typename } }` });
  } catch (caught) {
    error = caught;
  }
  assert(error?.errors?.[0]?.extensions?.code === "UNAUTHENTICATED", String(error));
  assert(expired.unauthenticated === 1, "onUnauthenticated was not called");
});

await step("urql: a guest opens a ticket and follows it live", async () => {
  const visitor = session();
  const department = await visitor.urql
    .query(`{ departments { id code } }`, {})
    .toPromise();
  const created = await visitor.urql
    .mutation(CREATE, {
      input: {
        subject: "No puedo entrar al panel",
        message: "Me dice que la contraseña es incorrecta.",
        departmentId: department.data.departments.find((d) => d.code === "TECH").id,
        guest: { name: "Valentina Ruiz", email: "valentina@example.org", language: "ES" },
      },
    })
    .toPromise();
  const result = created.data.createTicket;
  assert(result.guestPass?.token, JSON.stringify(created.data ?? created.error));
  visitor.token = result.guestPass.token;
  const events = [];
  const { unsubscribe } = visitor.urql
    .subscription(EVENTS, { id: result.ticket.id })
    .subscribe((answer) => answer.data?.ticketEvents.message && events.push(answer.data.ticketEvents));
  await new Promise((resolve) => setTimeout(resolve, 500));
  await agent.apollo.mutate({ mutation: REPLY, variables: { id: result.ticket.id, m: "Hola" } });
  for (let waited = 0; !events.length && waited < 150; waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  unsubscribe();
  assert(events[0]?.message?.body === "Hola", JSON.stringify(events));
});

await step("another origin cannot read the API", async () => {
  const stranger = session(null, { origin: "https://evil.example" });
  let refused = false;
  try {
    await stranger.apollo.query({ query: gql`{ departments { id } }` });
  } catch {
    refused = true;
  }
  assert(refused, "a stranger's page read the answer");
});

process.exit(0);
