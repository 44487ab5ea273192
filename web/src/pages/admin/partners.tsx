// Partners (admins): their API keys with scopes and allowance; a new key's secret is shown
// once; revoking asks to confirm.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useT } from "../../i18n";
import { ADMIN_PARTNERS, CREATE_PARTNER, CREATE_PARTNER_KEY, REVOKE_PARTNER_KEY } from "../../ops-admin";
import type { AdminPartnersQuery } from "../../gql/graphql";
import { ErrorBox, Field, Notice, When } from "../../ui";
import { ActiveBadge, fieldProblems, RowButton, useOutcome } from "./shared";

type Partner = AdminPartnersQuery["partners"][number];
const SCOPES = ["tickets:read", "tickets:write", "customers:write"];

export function Partners() {
  const t = useT();
  const { data, refetch } = useQuery(ADMIN_PARTNERS);
  const [name, setName] = useState("");
  const outcome = useOutcome();
  const [create, { loading }] = useMutation(CREATE_PARTNER);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data: result } = await create({ variables: { name: name.trim() } });
    if (outcome.settle(result?.createPartner, t("saved"))) {
      setName("");
      void refetch();
    }
  };
  const errors = fieldProblems(outcome.problem, ["name"]);
  if (!data) return <p role="status">{t("loading")}</p>;
  return (
    <>
      {data.partners.length === 0 && <p>{t("adminNoPartners")}</p>}
      {data.partners.map((partner) => (
        <PartnerCard key={partner.id} partner={partner} reload={() => void refetch()} />
      ))}
      <form onSubmit={submit} className="card admin-form" aria-labelledby="partner-form-title">
        <h2 id="partner-form-title">{t("adminNewPartner")}</h2>
        <Field label={t("adminPartnerName")} error={errors.at("name")}>
          {(props) => <input {...props} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <ErrorBox problem={errors.general} />
        {outcome.done && <Notice>{outcome.done}</Notice>}
        <button type="submit" disabled={loading}>{t("adminCreatePartner")}</button>
      </form>
    </>
  );
}

function PartnerCard({ partner, reload }: { partner: Partner; reload: () => void }) {
  const t = useT();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["tickets:read"]);
  const [allowance, setAllowance] = useState("120");
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const outcome = useOutcome();
  const rowOutcome = useOutcome();
  const [create, { loading }] = useMutation(CREATE_PARTNER_KEY);
  const [revoke] = useMutation(REVOKE_PARTNER_KEY);
  const titleId = `partner-${partner.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSecret(null);
    const perMinute = Number.parseInt(allowance, 10);
    const { data } = await create({
      variables: {
        input: { partnerId: partner.id, name: name.trim(), scopes, requestsPerMinute: Number.isNaN(perMinute) ? 0 : perMinute },
      },
    });
    const result = data?.createPartnerKey;
    if (outcome.settle(result, t("saved")) && result?.__typename === "CreatePartnerKeySuccess") {
      if (result.key) setSecret({ name: result.apiKey.name, key: result.key });
      setName("");
      reload();
    }
  };
  const revokeKey = async (keyId: string) => {
    setConfirming(null);
    const { data } = await revoke({ variables: { keyId } });
    if (rowOutcome.settle(data?.revokePartnerKey, t("adminRevoked"))) reload();
  };
  const errors = fieldProblems(outcome.problem, ["name", "scopes", "requestsPerMinute"]);
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {partner.name} <ActiveBadge active={partner.isActive} />
      </h2>
      <p className="meta">{t("adminSince")} <When value={partner.createdAt} /></p>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("adminKeysOf")} {partner.name}</caption>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("adminPrefix")}</th>
              <th scope="col">{t("adminScopes")}</th>
              <th scope="col">{t("adminAllowance")}</th>
              <th scope="col">{t("date")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {partner.keys.length === 0 && (
              <tr>
                <td colSpan={7}>{t("adminNoKeys")}</td>
              </tr>
            )}
            {partner.keys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td><code>{key.prefix}…</code></td>
                <td>{key.scopes.join(", ")}</td>
                <td>{key.requestsPerMinute} {t("adminPerMinute")}</td>
                <td><When value={key.createdAt} /></td>
                <td>
                  {key.revokedAt ? (
                    <span className="badge">{t("adminRevokedOn")} <When value={key.revokedAt} /></span>
                  ) : (
                    <ActiveBadge active />
                  )}
                </td>
                <td className="row-actions">
                  {!key.revokedAt && confirming !== key.id && (
                    <RowButton label={t("adminRevoke")} subject={key.name} onClick={() => setConfirming(key.id)} />
                  )}
                  {!key.revokedAt && confirming === key.id && (
                    <>
                      <RowButton label={t("adminConfirmRevoke")} subject={key.name} secondary={false} autoFocus onClick={() => void revokeKey(key.id)} />
                      <RowButton label={t("adminCancel")} subject={key.name} onClick={() => setConfirming(null)} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorBox problem={rowOutcome.problem} />
      {rowOutcome.done && <Notice>{rowOutcome.done}</Notice>}
      {secret && (
        <div className="secret" role="status">
          <p><strong>{t("adminSecretOnce")}</strong> ({secret.name})</p>
          <p><code data-testid="partner-secret">{secret.key}</code></p>
        </div>
      )}
      <form onSubmit={submit} className="admin-form" aria-labelledby={`${titleId}-form`}>
        <h3 id={`${titleId}-form`}>{t("adminNewKey")}</h3>
        <Field label={t("adminKeyName")} error={errors.at("name")}>
          {(props) => <input {...props} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <fieldset className="field" aria-describedby={errors.at("scopes") ? `${titleId}-scopes-error` : undefined}>
          <legend>{t("adminScopes")}</legend>
          <div className="radios">
            {SCOPES.map((scope) => (
              <label key={scope}>
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes((before) => (e.target.checked ? [...before, scope] : before.filter((item) => item !== scope)))}
                />
                <code>{scope}</code>
              </label>
            ))}
          </div>
          {errors.at("scopes") && <p className="field-error" id={`${titleId}-scopes-error`}>{errors.at("scopes")}</p>}
        </fieldset>
        <Field label={t("adminAllowance")} hint={t("adminAllowanceHint")} error={errors.at("requestsPerMinute")}>
          {(props) => <input {...props} required type="number" inputMode="numeric" min={1} value={allowance} onChange={(e) => setAllowance(e.target.value)} />}
        </Field>
        <ErrorBox problem={errors.general} />
        {outcome.done && !secret && <Notice>{outcome.done}</Notice>}
        <button type="submit" disabled={loading}>{t("adminCreateKey")}</button>
      </form>
    </section>
  );
}
