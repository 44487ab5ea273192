// The staff (admins): list, add (with a first password), role, departments, deactivate.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useLanguage, useT } from "../../i18n";
import { ADMIN_STAFF, CREATE_STAFF, UPDATE_STAFF } from "../../ops-admin";
import type { AdminStaffQuery, Language, StaffRole } from "../../gql/graphql";
import { ErrorBox, Field, Notice } from "../../ui";
import { ActiveBadge, RowButton, fieldProblems, useOutcome } from "./shared";

type Person = AdminStaffQuery["everyone"][number];
const ROLES: StaffRole[] = ["AGENT", "SUPERVISOR", "ADMIN"];

export function StaffAdmin() {
  const t = useT();
  const lang = useLanguage();
  const { data, refetch } = useQuery(ADMIN_STAFF);
  const [editing, setEditing] = useState<Person | null>(null);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<StaffRole>("AGENT");
  const [language, setLanguage] = useState<Language>("ES");
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const first = useRef<HTMLInputElement>(null);
  const outcome = useOutcome();
  const rowOutcome = useOutcome();
  const [create, creating] = useMutation(CREATE_STAFF);
  const [update, updating] = useMutation(UPDATE_STAFF);
  useEffect(() => {
    if (editing) first.current?.focus();
  }, [editing]);
  if (!data) return <p role="status">{t("loading")}</p>;
  const active = new Set(data.active.map((person) => person.id));
  const departments = data.departments;
  const departmentName = (id: string) => {
    const department = departments.find((item) => item.id === id);
    return department ? ((lang === "es" && department.nameEs) || department.name) : "";
  };
  const edit = (person: Person | null, keepOutcome = false) => {
    setEditing(person);
    setName(person?.name ?? "");
    setEmail(person?.email ?? "");
    setPassword("");
    setRole(person?.role ?? "AGENT");
    setDepartmentIds(person?.departments.map((department) => department.id) ?? []);
    if (!keepOutcome) outcome.reset();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = editing
      ? (await update({ variables: { input: { staffId: editing.id, name: name.trim(), role, departmentIds } } })).data?.updateStaff
      : (await create({ variables: { input: { name: name.trim(), email: email.trim(), password, role, departmentIds, language } } })).data?.createStaff;
    if (outcome.settle(saved, t(editing ? "saved" : "adminStaffCreated"))) {
      edit(null, true);
      void refetch();
    }
  };
  const toggle = async (person: Person) => {
    const { data: result } = await update({ variables: { input: { staffId: person.id, isActive: !active.has(person.id) } } });
    if (rowOutcome.settle(result?.updateStaff, t("saved"))) void refetch();
  };
  const errors = fieldProblems(outcome.problem, ["name", "email", "password", "role", "departmentIds", "language"]);
  return (
    <>
      <section className="card" aria-labelledby="staff-title">
        <h2 id="staff-title">{t("adminStaff")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("adminRole")}</th>
                <th scope="col">{t("adminDepartments")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {data.everyone.map((person) => (
                <tr key={person.id}>
                  <td>{person.name}</td>
                  <td>{person.email}</td>
                  <td>{person.role ? t(`adminRole${person.role}`) : "—"}</td>
                  <td>{person.departments.map((department) => departmentName(department.id)).join(", ") || "—"}</td>
                  <td><ActiveBadge active={active.has(person.id)} /></td>
                  <td className="row-actions">
                    <RowButton label={t("adminEdit")} subject={person.name} onClick={() => edit(person)} />
                    <RowButton
                      label={t(active.has(person.id) ? "adminDeactivate" : "adminReactivate")}
                      subject={person.name}
                      onClick={() => void toggle(person)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ErrorBox problem={rowOutcome.problem} />
        {rowOutcome.done && <Notice>{rowOutcome.done}</Notice>}
      </section>
      <form onSubmit={submit} className="card admin-form" aria-labelledby="staff-form-title">
        <h2 id="staff-form-title">{editing ? `${t("adminEditStaff")}: ${editing.name}` : t("adminNewStaff")}</h2>
        <Field label={t("name")} error={errors.at("name")}>
          {(props) => <input {...props} ref={first} required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        {!editing && (
          <>
            <Field label={t("email")} error={errors.at("email")}>
              {(props) => <input {...props} required type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
            </Field>
            <Field label={t("adminFirstPassword")} hint={t("adminFirstPasswordHint")} error={errors.at("password")}>
              {(props) => <input {...props} required type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
            </Field>
            <Field label={t("language")} error={errors.at("language")}>
              {(props) => (
                <select {...props} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
                  <option value="ES">Español</option>
                  <option value="EN">English</option>
                </select>
              )}
            </Field>
          </>
        )}
        <Field label={t("adminRole")} error={errors.at("role")}>
          {(props) => (
            <select {...props} value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
              {ROLES.map((value) => <option key={value} value={value}>{t(`adminRole${value}`)}</option>)}
            </select>
          )}
        </Field>
        <fieldset className="field" aria-describedby={errors.at("departmentIds") ? "staff-departments-error" : undefined}>
          <legend>{t("adminDepartments")}</legend>
          <div className="radios">
            {departments.filter((item) => item.isActive || departmentIds.includes(item.id)).map((department) => (
              <label key={department.id}>
                <input
                  type="checkbox"
                  checked={departmentIds.includes(department.id)}
                  onChange={(e) =>
                    setDepartmentIds((before) =>
                      e.target.checked ? [...before, department.id] : before.filter((id) => id !== department.id),
                    )
                  }
                />
                {(lang === "es" && department.nameEs) || department.name}
              </label>
            ))}
          </div>
          {errors.at("departmentIds") && <p className="field-error" id="staff-departments-error">{errors.at("departmentIds")}</p>}
        </fieldset>
        <ErrorBox problem={errors.general} />
        {outcome.done && <Notice>{outcome.done}</Notice>}
        <div className="buttons">
          <button type="submit" disabled={creating.loading || updating.loading}>{editing ? t("save") : t("adminCreateStaff")}</button>
          {editing && <button type="button" className="secondary" onClick={() => edit(null)}>{t("adminCancel")}</button>}
        </div>
      </form>
    </>
  );
}
