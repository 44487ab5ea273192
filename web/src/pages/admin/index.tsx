// The admin screens (admins only): the catalogue, the staff and the partners' API keys.
import { useT } from "../../i18n";
import { Link } from "../../router";
import { Page } from "../../ui";
import { Catalogue } from "./catalogue";
import { Partners } from "./partners";
import { RequireRole } from "./shared";
import { StaffAdmin } from "./staff";

const SECTIONS = [
  ["", "adminCatalogue"],
  ["staff", "adminStaff"],
  ["partners", "adminPartners"],
] as const;

export function AdminPage({ section }: { section: string }) {
  const t = useT();
  const current = SECTIONS.find(([path]) => path === section) ?? SECTIONS[0];
  const title = `${t("adminTitle")}: ${t(current[1])}`;
  return (
    <RequireRole roles={["ADMIN"]} title={t("adminTitle")}>
      <Page title={title}>
        <nav aria-label={t("adminTitle")} className="subnav">
          <ul>
            {SECTIONS.map(([path, label]) => (
              <li key={path}>
                <Link to={path ? `/agent/admin/${path}` : "/agent/admin"} aria-current={path === current[0] ? "page" : undefined}>
                  {t(label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {current[0] === "" && <Catalogue />}
        {current[0] === "staff" && <StaffAdmin />}
        {current[0] === "partners" && <Partners />}
      </Page>
    </RequireRole>
  );
}
