// Routes: the guest portal, the customer panel and the agent desk.
import { useT } from "./i18n";
import { usePath } from "./router";
import { useSession } from "./session";
import { Layout, Page } from "./ui";
import { AgentLogin, Desk } from "./pages/agent";
import { AdminPage } from "./pages/admin";
import { SlaReportPage } from "./pages/report";
import { CustomerLogin, NewTicket, Panel, Recover, ResetPassword } from "./pages/customer";
import { ConfirmTicket, GuestTicket, Home, SubmitTicket, TrackTicket } from "./pages/guest";
import { ArticlePage, KnowledgeBase } from "./pages/kb";
import { RatePage } from "./pages/rate";
import { TicketPage } from "./pages/ticket";

function Route({ path }: { path: string }) {
  const t = useT();
  const session = useSession();
  const [, first, second, third] = path.replace(/\/+$/, "").split("/").map(decodeURIComponent);
  switch (first ?? "") {
    case "":
      return <Home />;
    case "submit":
      return <SubmitTicket />;
    case "track":
      return <TrackTicket />;
    case "tickets":
      if (second) return <GuestTicket key={second} trackingId={second} />;
      break;
    case "confirm-ticket":
      return <ConfirmTicket />;
    case "rate":
      return <RatePage />;
    case "kb":
      return second ? <ArticlePage key={second} slug={second} /> : <KnowledgeBase />;
    case "login":
      return <CustomerLogin />;
    case "recover":
      return <Recover />;
    case "reset-password":
      return <ResetPassword />;
    case "panel":
      return second === "new" ? <NewTicket /> : <Panel />;
    case "agent":
      if (second === "login") return <AgentLogin />;
      if (second === "report") return <SlaReportPage />;
      if (second === "admin") return <AdminPage section={third ?? ""} />;
      if (second === "tickets" && third && session?.kind === "staff") return <TicketPage key={third} trackingId={third} />;
      return <Desk />;
  }
  return (
    <Page title={t("notFound")}>
      <p>{t("page404")}</p>
    </Page>
  );
}

export function App() {
  const path = usePath();
  return (
    <Layout>
      <Route path={path} />
    </Layout>
  );
}
