// Customers' services (admins): find a customer, then add, rename, re-level, end or bring
// back their services.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useT } from "../../i18n";
import { ADD_SERVICE, ADMIN_CUSTOMERS, UPDATE_SERVICE } from "../../ops-admin";
import type { AdminCatalogueQuery, AdminCustomersQuery } from "../../gql/graphql";
import { ErrorBox, Field, Notice } from "../../ui";
import { ActiveBadge, RowButton, fieldProblems, useOutcome } from "./shared";

type Level = AdminCatalogueQuery["supportLevels"][number];
type Customer = AdminCustomersQuery["customers"]["edges"][number]["node"];
type Service = Customer["services"][number];

export function Services({ levels }: { levels: Level[] }) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [customerId, setCustomerId] = useState<string | null>(null);
  const { data, refetch } = useQuery(ADMIN_CUSTOMERS, { variables: { search: search.trim() || null } });
  const customers = data?.customers.edges.map((edge) => edge.node) ?? [];
  const customer = customers.find((item) => item.id === customerId) ?? null;
  return (
    <section className="card" aria-labelledby="services-title">
      <h2 id="services-title">{t("adminServices")}</h2>
      <form className="inline" role="search" onSubmit={(event) => event.preventDefault()}>
        <Field label={t("adminFindCustomer")} hint={t("adminFindCustomerHint")}>
          {(props) => <input {...props} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
      </form>
      <ul className="customer-picks" aria-label={t("adminCustomers")}>
        {customers.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className={item.id === customerId ? "view current" : "view"}
              aria-pressed={item.id === customerId}
              onClick={() => setCustomerId(item.id)}
            >
              {item.clientNumber} · {item.name}
            </button>
          </li>
        ))}
      </ul>
      {data && !customers.length && <p>{t("noResults")}</p>}
      {customer && <CustomerServices key={customer.id} customer={customer} levels={levels} reload={() => void refetch()} />}
    </section>
  );
}

function CustomerServices({ customer, levels, reload }: { customer: Customer; levels: Level[]; reload: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState<Service | null>(null);
  const [name, setName] = useState("");
  const [levelId, setLevelId] = useState("");
  const first = useRef<HTMLInputElement>(null);
  const outcome = useOutcome();
  const rowOutcome = useOutcome();
  const [add, adding] = useMutation(ADD_SERVICE);
  const [update, updating] = useMutation(UPDATE_SERVICE);
  useEffect(() => {
    if (editing) first.current?.focus();
  }, [editing]);
  const edit = (service: Service | null, keepOutcome = false) => {
    setEditing(service);
    setName(service?.name ?? "");
    setLevelId(service?.supportLevel.id ?? "");
    if (!keepOutcome) outcome.reset();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = editing
      ? (await update({ variables: { input: { serviceId: editing.id, name: name.trim(), supportLevelId: levelId } } })).data?.updateService
      : (await add({ variables: { input: { customerId: customer.id, name: name.trim(), supportLevelId: levelId } } })).data?.addService;
    if (outcome.settle(saved, t("saved"))) {
      edit(null, true);
      reload();
    }
  };
  const toggle = async (service: Service) => {
    const { data } = await update({ variables: { input: { serviceId: service.id, isActive: !service.isActive } } });
    if (rowOutcome.settle(data?.updateService, t("saved"))) reload();
  };
  const errors = fieldProblems(outcome.problem, ["name", "supportLevelId"]);
  const title = `${t("adminServicesOf")} ${customer.name} (${customer.clientNumber})`;
  return (
    <div>
      <h3>{title}</h3>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("service")}</th>
              <th scope="col">{t("adminSupportLevel")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {customer.services.length === 0 && (
              <tr>
                <td colSpan={4}>{t("noResults")}</td>
              </tr>
            )}
            {customer.services.map((service) => (
              <tr key={service.id}>
                <td>{service.name}</td>
                <td>{service.supportLevel.name}</td>
                <td><ActiveBadge active={service.isActive} /></td>
                <td className="row-actions">
                  <RowButton label={t("adminEdit")} subject={service.name} onClick={() => edit(service)} />
                  <RowButton label={t(service.isActive ? "adminDeactivate" : "adminReactivate")} subject={service.name} onClick={() => void toggle(service)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorBox problem={rowOutcome.problem} />
      {rowOutcome.done && <Notice>{rowOutcome.done}</Notice>}
      <form onSubmit={submit} className="admin-form" aria-labelledby="service-form-title">
        <h3 id="service-form-title">{editing ? `${t("adminEditService")}: ${editing.name}` : t("adminNewService")}</h3>
        <Field label={t("adminServiceName")} error={errors.at("name")}>
          {(props) => <input {...props} ref={first} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t("adminSupportLevel")} error={errors.at("supportLevelId")}>
          {(props) => (
            <select {...props} required value={levelId} onChange={(e) => setLevelId(e.target.value)}>
              <option value="">{t("chooseOne")}</option>
              {levels.filter((level) => level.isActive || level.id === levelId).map((level) => (
                <option key={level.id} value={level.id}>{level.name}</option>
              ))}
            </select>
          )}
        </Field>
        <ErrorBox problem={errors.general} />
        {outcome.done && <Notice>{outcome.done}</Notice>}
        <div className="buttons">
          <button type="submit" disabled={adding.loading || updating.loading}>{editing ? t("save") : t("adminAddService")}</button>
          {editing && <button type="button" className="secondary" onClick={() => edit(null)}>{t("adminCancel")}</button>}
        </div>
      </form>
    </div>
  );
}
