// The catalogue (admins): departments, categories and support levels: list, create, edit,
// retire and bring back.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useLanguage, useT } from "../../i18n";
import {
  ADMIN_CATALOGUE,
  SAVE_CATEGORY,
  SAVE_DEPARTMENT,
  SET_CATEGORY_ACTIVE,
  SET_DEPARTMENT_ACTIVE,
  SET_SUPPORT_LEVEL_ACTIVE,
  UPDATE_SUPPORT_LEVEL,
} from "../../ops-admin";
import type { AdminCatalogueQuery, Impact } from "../../gql/graphql";
import { ErrorBox, Field, Notice } from "../../ui";
import { Services } from "./services";
import { ActiveBadge, RowButton, fieldProblems, useOutcome } from "./shared";

type Data = AdminCatalogueQuery;
type Department = Data["departments"][number];
type Category = Data["categories"][number];
type Level = Data["supportLevels"][number];
const IMPACTS: Impact[] = ["LOW", "MEDIUM", "HIGH"];

export function Catalogue() {
  const t = useT();
  const { data, refetch } = useQuery(ADMIN_CATALOGUE);
  if (!data) return <p role="status">{t("loading")}</p>;
  const reload = () => void refetch();
  return (
    <>
      <Departments rows={data.departments} reload={reload} />
      <Categories rows={data.categories} departments={data.departments} reload={reload} />
      <Levels rows={data.supportLevels} reload={reload} />
      <Services levels={data.supportLevels} />
    </>
  );
}

function Departments({ rows, reload }: { rows: Department[]; reload: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const [editing, setEditing] = useState<Department | null>(null);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [nameEs, setNameEs] = useState("");
  const first = useRef<HTMLInputElement>(null);
  const outcome = useOutcome();
  const rowOutcome = useOutcome();
  useEffect(() => {
    if (editing) first.current?.focus();
  }, [editing]);
  const [save, { loading }] = useMutation(SAVE_DEPARTMENT);
  const [setActive] = useMutation(SET_DEPARTMENT_ACTIVE);
  const edit = (row: Department | null, keepOutcome = false) => {
    setEditing(row);
    setCode(row?.code ?? "");
    setName(row?.name ?? "");
    setNameEs(row?.nameEs ?? "");
    if (!keepOutcome) outcome.reset();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await save({
      variables: { departmentId: editing?.id ?? null, code: editing ? null : code.trim(), name: name.trim(), nameEs: nameEs.trim() },
    });
    if (outcome.settle(data?.saveDepartment, t("saved"))) {
      edit(null, true);
      reload();
    }
  };
  const toggle = async (row: Department) => {
    const { data } = await setActive({ variables: { departmentId: row.id, isActive: !row.isActive } });
    if (rowOutcome.settle(data?.setDepartmentActive, t("saved"))) reload();
  };
  const errors = fieldProblems(outcome.problem, editing ? ["name", "nameEs"] : ["code", "name", "nameEs"]);
  return (
    <section className="card" aria-labelledby="departments-title">
      <h2 id="departments-title">{t("adminDepartments")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("adminCode")}</th>
              <th scope="col">{t("adminNameEs")}</th>
              <th scope="col">{t("adminNameEn")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const label = (lang === "es" && row.nameEs) || row.name;
              return (
                <tr key={row.id}>
                  <td><code>{row.code}</code></td>
                  <td>{row.nameEs}</td>
                  <td>{row.name}</td>
                  <td><ActiveBadge active={row.isActive} /></td>
                  <td className="row-actions">
                    <RowButton label={t("adminEdit")} subject={label} onClick={() => edit(row)} />
                    <RowButton label={t(row.isActive ? "adminDeactivate" : "adminReactivate")} subject={label} onClick={() => void toggle(row)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorBox problem={rowOutcome.problem} />
      {rowOutcome.done && <Notice>{rowOutcome.done}</Notice>}
      <form onSubmit={submit} className="admin-form" aria-labelledby="department-form-title">
        <h3 id="department-form-title">
          {editing ? `${t("adminEditDepartment")}: ${(lang === "es" && editing.nameEs) || editing.name}` : t("adminNewDepartment")}
        </h3>
        {!editing && (
          <Field label={t("adminCode")} hint={t("adminCodeHint")} error={errors.at("code")}>
            {(props) => <input {...props} ref={first} required value={code} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <Field label={t("adminNameEs")} error={errors.at("nameEs")}>
          {(props) => <input {...props} ref={editing ? first : undefined} required value={nameEs} onChange={(e) => setNameEs(e.target.value)} />}
        </Field>
        <Field label={t("adminNameEn")} error={errors.at("name")}>
          {(props) => <input {...props} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <ErrorBox problem={errors.general} />
        {outcome.done && <Notice>{outcome.done}</Notice>}
        <div className="buttons">
          <button type="submit" disabled={loading}>{editing ? t("save") : t("adminCreateDepartment")}</button>
          {editing && <button type="button" className="secondary" onClick={() => edit(null)}>{t("adminCancel")}</button>}
        </div>
      </form>
    </section>
  );
}

function Categories({ rows, departments, reload }: { rows: Category[]; departments: Department[]; reload: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const [editing, setEditing] = useState<Category | null>(null);
  const [departmentId, setDepartmentId] = useState("");
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [nameEs, setNameEs] = useState("");
  const [impact, setImpact] = useState<Impact>("MEDIUM");
  const first = useRef<HTMLSelectElement>(null);
  const outcome = useOutcome();
  const rowOutcome = useOutcome();
  useEffect(() => {
    if (editing) first.current?.focus();
  }, [editing]);
  const [save, { loading }] = useMutation(SAVE_CATEGORY);
  const [setActive] = useMutation(SET_CATEGORY_ACTIVE);
  const departmentName = (id: string) => {
    const department = departments.find((item) => item.id === id);
    return department ? ((lang === "es" && department.nameEs) || department.name) : "—";
  };
  const edit = (row: Category | null, keepOutcome = false) => {
    setEditing(row);
    setDepartmentId(row?.department.id ?? "");
    setCode(row?.code ?? "");
    setName(row?.name ?? "");
    setNameEs(row?.nameEs ?? "");
    setImpact(row?.defaultImpact ?? "MEDIUM");
    if (!keepOutcome) outcome.reset();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await save({
      variables: {
        input: {
          categoryId: editing?.id ?? null,
          code: editing ? null : code.trim(),
          departmentId,
          name: name.trim(),
          nameEs: nameEs.trim(),
          defaultImpact: impact,
        },
      },
    });
    if (outcome.settle(data?.saveCategory, t("saved"))) {
      edit(null, true);
      reload();
    }
  };
  const toggle = async (row: Category) => {
    const { data } = await setActive({ variables: { categoryId: row.id, isActive: !row.isActive } });
    if (rowOutcome.settle(data?.setCategoryActive, t("saved"))) reload();
  };
  const errors = fieldProblems(outcome.problem, ["departmentId", "code", "name", "nameEs", "defaultImpact"]);
  return (
    <section className="card" aria-labelledby="categories-title">
      <h2 id="categories-title">{t("adminCategories")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("adminCode")}</th>
              <th scope="col">{t("adminNameEs")}</th>
              <th scope="col">{t("adminNameEn")}</th>
              <th scope="col">{t("department")}</th>
              <th scope="col">{t("adminDefaultImpact")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const label = (lang === "es" && row.nameEs) || row.name;
              return (
                <tr key={row.id}>
                  <td><code>{row.code}</code></td>
                  <td>{row.nameEs}</td>
                  <td>{row.name}</td>
                  <td>{departmentName(row.department.id)}</td>
                  <td>{t(row.defaultImpact)}</td>
                  <td><ActiveBadge active={row.isActive} /></td>
                  <td className="row-actions">
                    <RowButton label={t("adminEdit")} subject={label} onClick={() => edit(row)} />
                    <RowButton label={t(row.isActive ? "adminDeactivate" : "adminReactivate")} subject={label} onClick={() => void toggle(row)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorBox problem={rowOutcome.problem} />
      {rowOutcome.done && <Notice>{rowOutcome.done}</Notice>}
      <form onSubmit={submit} className="admin-form" aria-labelledby="category-form-title">
        <h3 id="category-form-title">
          {editing ? `${t("adminEditCategory")}: ${(lang === "es" && editing.nameEs) || editing.name}` : t("adminNewCategory")}
        </h3>
        <Field label={t("department")} error={errors.at("departmentId")}>
          {(props) => (
            <select {...props} ref={first} required value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
              <option value="">{t("chooseOne")}</option>
              {departments.filter((item) => item.isActive || item.id === departmentId).map((item) => (
                <option key={item.id} value={item.id}>{(lang === "es" && item.nameEs) || item.name}</option>
              ))}
            </select>
          )}
        </Field>
        {!editing && (
          <Field label={t("adminCode")} hint={t("adminCodeHint")} error={errors.at("code")}>
            {(props) => <input {...props} required value={code} onChange={(e) => setCode(e.target.value)} />}
          </Field>
        )}
        <Field label={t("adminNameEs")} error={errors.at("nameEs")}>
          {(props) => <input {...props} required value={nameEs} onChange={(e) => setNameEs(e.target.value)} />}
        </Field>
        <Field label={t("adminNameEn")} error={errors.at("name")}>
          {(props) => <input {...props} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t("adminDefaultImpact")} error={errors.at("defaultImpact")}>
          {(props) => (
            <select {...props} value={impact} onChange={(e) => setImpact(e.target.value as Impact)}>
              {IMPACTS.map((value) => <option key={value} value={value}>{t(value)}</option>)}
            </select>
          )}
        </Field>
        <ErrorBox problem={errors.general} />
        {outcome.done && <Notice>{outcome.done}</Notice>}
        <div className="buttons">
          <button type="submit" disabled={loading}>{editing ? t("save") : t("adminCreateCategory")}</button>
          {editing && <button type="button" className="secondary" onClick={() => edit(null)}>{t("adminCancel")}</button>}
        </div>
      </form>
    </section>
  );
}

function Levels({ rows, reload }: { rows: Level[]; reload: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState<Level | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const first = useRef<HTMLInputElement>(null);
  const outcome = useOutcome();
  const rowOutcome = useOutcome();
  const [save, { loading }] = useMutation(UPDATE_SUPPORT_LEVEL);
  const [setActive] = useMutation(SET_SUPPORT_LEVEL_ACTIVE);
  useEffect(() => {
    if (editing) first.current?.focus();
  }, [editing]);
  const edit = (row: Level | null, keepOutcome = false) => {
    setEditing(row);
    setName(row?.name ?? "");
    setDescription(row?.description ?? "");
    if (!keepOutcome) outcome.reset();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const { data } = await save({ variables: { input: { supportLevelId: editing.id, name: name.trim(), description: description.trim() } } });
    if (outcome.settle(data?.updateSupportLevel, t("saved"))) {
      edit(null, true);
      reload();
    }
  };
  const toggle = async (row: Level) => {
    const { data } = await setActive({ variables: { supportLevelId: row.id, isActive: !row.isActive } });
    if (rowOutcome.settle(data?.setSupportLevelActive, t("saved"))) reload();
  };
  const errors = fieldProblems(outcome.problem, ["name", "description"]);
  return (
    <section className="card" aria-labelledby="levels-title">
      <h2 id="levels-title">{t("adminSupportLevels")}</h2>
      <p className="hint">{t("adminSupportLevelsHint")}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("adminCode")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("adminRank")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td><code>{row.code}</code></td>
                <td>{row.name}{row.description && <div className="hint">{row.description}</div>}</td>
                <td>{row.rank}</td>
                <td><ActiveBadge active={row.isActive} /></td>
                <td className="row-actions">
                  <RowButton label={t("adminEdit")} subject={row.name} onClick={() => edit(row)} />
                  <RowButton label={t(row.isActive ? "adminDeactivate" : "adminReactivate")} subject={row.name} onClick={() => void toggle(row)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorBox problem={rowOutcome.problem} />
      {rowOutcome.done && <Notice>{rowOutcome.done}</Notice>}
      {editing && (
        <form onSubmit={submit} className="admin-form" aria-labelledby="level-form-title">
          <h3 id="level-form-title">{t("adminEditLevel")}: {editing.name}</h3>
          <Field label={t("name")} error={errors.at("name")}>
            {(props) => <input {...props} ref={first} required value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t("adminDescription")} error={errors.at("description")}>
            {(props) => <textarea {...props} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <div className="buttons">
            <button type="submit" disabled={loading}>{t("save")}</button>
            <button type="button" className="secondary" onClick={() => edit(null)}>{t("adminCancel")}</button>
          </div>
        </form>
      )}
      <ErrorBox problem={errors.general} />
      {outcome.done && <Notice>{outcome.done}</Notice>}
    </section>
  );
}
