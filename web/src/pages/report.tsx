// The supervisors' SLA report: a period and a department, the first responses and resolutions
// met and breached per department and per agent, as a chart and as tables, and the CSV.
import { useState, type MouseEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { apiLink } from "../apollo";
import { useLanguage, useT } from "../i18n";
import { SLA_REPORT } from "../ops-admin";
import { getSession } from "../session";
import type { SlaReportQuery } from "../gql/graphql";
import { ErrorBox, Field, Page, type Problem } from "../ui";
import { RequireRole } from "./admin/shared";
import { SlaChart, type ChartGroup, type Deadline } from "./sla-chart";

type Row = SlaReportQuery["slaReport"]["rows"][number];
type Totals = { key: string; label: string; tickets: number; firstResponses: Deadline; resolutions: Deadline };

function day(offset: number): string {
  const date = new Date();
  date.setDate(date.getDate() + offset);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

/** Midnight at the start of a local day, with its offset (the API wants one). */
function moment(value: string, plusDays = 0): string {
  const [year, month, date] = value.split("-").map(Number);
  return new Date(year, month - 1, date + plusDays).toISOString();
}

function add(into: Deadline, from: Deadline): void {
  into.met += from.met;
  into.breached += from.breached;
  into.running += from.running;
}

function totals(rows: Row[], keyOf: (row: Row) => [string, string]): Totals[] {
  const groups = new Map<string, Totals>();
  for (const row of rows) {
    const [key, label] = keyOf(row);
    const group = groups.get(key) ?? {
      key,
      label,
      tickets: 0,
      firstResponses: { met: 0, breached: 0, running: 0 },
      resolutions: { met: 0, breached: 0, running: 0 },
    };
    group.tickets += row.tickets;
    add(group.firstResponses, row.firstResponses);
    add(group.resolutions, row.resolutions);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.label.localeCompare(b.label));
}

function share(d: Deadline): string {
  const decided = d.met + d.breached;
  return decided ? `${Math.round((100 * d.met) / decided)} %` : "—";
}

export function SlaReportPage() {
  const t = useT();
  return (
    <RequireRole roles={["SUPERVISOR", "ADMIN"]} title={t("reportTitle")}>
      <Page title={t("reportTitle")}>
        <Report />
      </Page>
    </RequireRole>
  );
}

function Report() {
  const t = useT();
  const lang = useLanguage();
  const [from, setFrom] = useState(() => day(-30));
  const [to, setTo] = useState(() => day(0));
  const [departmentId, setDepartmentId] = useState("");
  const [download, setDownload] = useState<Problem>(null);
  const valid = Boolean(from && to && from <= to);
  const { data, error, loading } = useQuery(SLA_REPORT, {
    variables: valid ? { from: moment(from), to: moment(to, 1) } : { from: "", to: "" },
    skip: !valid,
  });
  const departmentLabel = (d: { name: string; nameEs: string }) => ((lang === "es" && d.nameEs) || d.name);
  const rows = (data?.slaReport.rows ?? []).filter((row) => !departmentId || row.department.id === departmentId);
  const byDepartment = totals(rows, (row) => [row.department.id, departmentLabel(row.department)]);
  const byAgent = totals(rows, (row) => [row.assignee?.id ?? "", row.assignee?.name ?? t("unassigned")]);
  const [all] = totals(rows, () => ["all", t("reportAll")]);
  const chart: ChartGroup[] = byDepartment;
  const csv = data ? apiLink(data.slaReport.csvUrl) : null;
  const save = async (event: MouseEvent<HTMLAnchorElement>) => {
    // The CSV needs the bearer token, which a plain link cannot send.
    event.preventDefault();
    if (!csv) return;
    setDownload(null);
    try {
      const response = await fetch(csv, { headers: { authorization: `Bearer ${getSession()?.token ?? ""}`, "accept-language": lang } });
      if (!response.ok) throw new Error(String(response.status));
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = `sla-report-${from}-${to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch {
      setDownload({ message: t("error") });
    }
  };
  return (
    <>
      <form className="card filters" aria-label={t("reportFilters")} onSubmit={(event) => event.preventDefault()}>
        <Field label={t("reportFrom")}>
          {(props) => <input {...props} type="date" required value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={t("reportTo")}>
          {(props) => <input {...props} type="date" required value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Field label={t("department")}>
          {(props) => (
            <select {...props} value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
              <option value="">{t("reportAllDepartments")}</option>
              {(data?.departments ?? []).map((department) => (
                <option key={department.id} value={department.id}>{departmentLabel(department)}</option>
              ))}
            </select>
          )}
        </Field>
      </form>
      {!valid && <p className="error" role="alert">{t("reportBadPeriod")}</p>}
      {error && <p className="error" role="alert">{error.message || t("error")}</p>}
      {loading && !data && <p role="status">{t("loading")}</p>}
      {data && (
        <>
          <section className="card" aria-labelledby="report-summary">
            <h2 id="report-summary">{t("reportSummary")}</h2>
            <dl className="figures">
              <div><dt>{t("tickets")}</dt><dd data-testid="figure-tickets">{all?.tickets ?? 0}</dd></div>
              <div><dt>{t("reportFirstResponse")}: {t("MET")}</dt><dd data-testid="figure-first-met">{all?.firstResponses.met ?? 0}</dd></div>
              <div><dt>{t("reportFirstResponse")}: {t("BREACHED")}</dt><dd data-testid="figure-first-breached">{all?.firstResponses.breached ?? 0}</dd></div>
              <div><dt>{t("reportResolution")}: {t("MET")}</dt><dd data-testid="figure-resolution-met">{all?.resolutions.met ?? 0}</dd></div>
              <div><dt>{t("reportResolution")}: {t("BREACHED")}</dt><dd data-testid="figure-resolution-breached">{all?.resolutions.breached ?? 0}</dd></div>
            </dl>
            <p>
              <a href={csv ?? undefined} onClick={save} className="button" download>
                {t("reportCsv")}
              </a>{" "}
              <span className="hint">{t("reportCsvHint")}</span>
            </p>
            <ErrorBox problem={download} />
          </section>
          <section className="card" aria-labelledby="report-chart">
            <h2 id="report-chart">{t("reportByDepartment")}</h2>
            {chart.length ? <SlaChart groups={chart} title={t("reportChartTitle")} /> : <p>{t("noResults")}</p>}
            <Figures caption={t("reportByDepartment")} head={t("department")} groups={byDepartment} />
          </section>
          <section className="card" aria-labelledby="report-agents">
            <h2 id="report-agents">{t("reportByAgent")}</h2>
            <Figures caption={t("reportByAgent")} head={t("reportAgent")} groups={byAgent} />
          </section>
        </>
      )}
    </>
  );
}

function Figures({ caption, head, groups }: { caption: string; head: string; groups: Totals[] }) {
  const t = useT();
  if (!groups.length) return null;
  return (
    // Focusable: on a phone the table scrolls sideways, also from the keyboard.
    <div className="table-wrap" tabIndex={0} role="group" aria-label={caption}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">{t("tickets")}</th>
            <th scope="col">{t("reportFirstResponse")}: {t("MET")}</th>
            <th scope="col">{t("reportFirstResponse")}: {t("BREACHED")}</th>
            <th scope="col">{t("reportFirstResponse")}: {t("reportRunning")}</th>
            <th scope="col">{t("reportFirstResponse")}: {t("reportOnTime")}</th>
            <th scope="col">{t("reportResolution")}: {t("MET")}</th>
            <th scope="col">{t("reportResolution")}: {t("BREACHED")}</th>
            <th scope="col">{t("reportResolution")}: {t("reportRunning")}</th>
            <th scope="col">{t("reportResolution")}: {t("reportOnTime")}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <th scope="row">{group.label}</th>
              <td>{group.tickets}</td>
              <td>{group.firstResponses.met}</td>
              <td>{group.firstResponses.breached}</td>
              <td>{group.firstResponses.running}</td>
              <td>{share(group.firstResponses)}</td>
              <td>{group.resolutions.met}</td>
              <td>{group.resolutions.breached}</td>
              <td>{group.resolutions.running}</td>
              <td>{share(group.resolutions)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
