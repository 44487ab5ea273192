// What the admin screens and the SLA report share: who may see them, errors next to fields.
import { useState, type ReactNode } from "react";
import { useT } from "../../i18n";
import { navigate } from "../../router";
import { useStaffRole } from "../../role";
import { useSession } from "../../session";
import { Page, problemOf, type Problem } from "../../ui";
import type { StaffRole } from "../../gql/graphql";

/** The page for the roles given; anyone else is told no (the API refuses them too). */
export function RequireRole({ roles, title, children }: { roles: StaffRole[]; title: string; children: ReactNode }) {
  const t = useT();
  const session = useSession();
  const role = useStaffRole();
  if (session?.kind !== "staff") {
    navigate("/agent/login", true);
    return null;
  }
  if (role === undefined) {
    return (
      <Page title={title}>
        <p role="status">{t("loading")}</p>
      </Page>
    );
  }
  if (!role || !roles.includes(role)) {
    return (
      <Page title={title}>
        <p className="error" role="alert">{t("adminNotAllowed")}</p>
      </Page>
    );
  }
  return <>{children}</>;
}

/** A typed error split between the form's fields (`field` as the API names it) and the
 * form itself (no field, or one the form does not show). */
export function fieldProblems(problem: Problem, fields: string[]) {
  const matches = (name: string) =>
    !!problem?.field && (problem.field === name || problem.field.endsWith(`.${name}`));
  return {
    at: (name: string): string | null => (problem && matches(name) ? problem.message : null),
    general: problem && !fields.some(matches) ? problem : null,
  };
}

/** A row's button with a name that says which row (hidden words for screen readers). */
export function RowButton({ label, subject, onClick, secondary = true, autoFocus }: { label: string; subject: string; onClick: () => void; secondary?: boolean; autoFocus?: boolean }) {
  return (
    <button type="button" className={secondary ? "secondary small" : "small"} onClick={onClick} autoFocus={autoFocus}>
      {label}
      <span className="visually-hidden"> {subject}</span>
    </button>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  const t = useT();
  return <span className={active ? "badge sla-met" : "badge"}>{t(active ? "adminActive" : "adminInactive")}</span>;
}

/** The outcome of a save: the typed error to show, or what went well. */
export function useOutcome() {
  const t = useT();
  const [problem, setProblem] = useState<Problem>(null);
  const [done, setDone] = useState<string | null>(null);
  const settle = (result: unknown, success: string): boolean => {
    const error = problemOf(result, t("error"));
    setProblem(error);
    setDone(error ? null : success);
    return !error;
  };
  const reset = () => {
    setProblem(null);
    setDone(null);
  };
  return { problem, done, settle, reset };
}
