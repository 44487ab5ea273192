// "¿Fue útil la respuesta?": the page the resolution mail's rating links open
// (`/rate#token=…&rating=GOOD`). The fragment never reaches a server or a log; no login needed.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CombinedGraphQLErrors } from "@apollo/client";
import { useMutation, useQuery } from "@apollo/client/react";
import { useT } from "../i18n";
import { RATE_TICKET, SATISFACTION_SURVEY } from "../ops-desk";
import type { SatisfactionRating, SatisfactionSurveyQuery } from "../gql/graphql";
import { Link, hashParams } from "../router";
import { ErrorBox, Field, Notice, Page, When, problemOf, type Problem } from "../ui";
import "./desk.css";

const RATINGS: SatisfactionRating[] = ["GOOD", "NEUTRAL", "BAD"];
const LABELS: Record<SatisfactionRating, string> = { GOOD: "rateGood", NEUTRAL: "rateNeutral", BAD: "rateBad" };
const COMMENT_MAX = 2000;
type Answer = NonNullable<SatisfactionSurveyQuery["satisfactionSurvey"]["satisfaction"]>;
// Requests made as nobody: the link is the key, whoever is signed in on this browser.
const anonymous = { anonymous: true };

export function RatePage() {
  const t = useT();
  const [params, setParams] = useState(hashParams);
  const token = params.get("token")?.trim() ?? "";
  const linkRating = RATINGS.find((rating) => rating === params.get("rating")) ?? null;
  const survey = useQuery(SATISFACTION_SURVEY, {
    variables: { token },
    skip: !token,
    context: anonymous,
    fetchPolicy: "network-only",
  });
  const [rate, { loading }] = useMutation(RATE_TICKET);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<Problem>(null);
  const [done, setDone] = useState<string | null>(null);
  const started = useRef(false);
  const loaded = survey.data?.satisfactionSurvey;
  const current = answer ?? loaded?.satisfaction ?? null;
  // Past its window the answer is final (the link may still open it, to read).
  const final = current !== null && Date.parse(current.changeableUntil) <= Date.now();

  const send = async (rating: SatisfactionRating, text: string | null) => {
    setProblem(null);
    setDone(null);
    const { data } = await rate({ variables: { token, rating, comment: text }, context: anonymous });
    const outcome = data?.rateTicket;
    if (outcome?.__typename !== "RateTicketSuccess") {
      setProblem(problemOf(outcome, t("error")));
      return;
    }
    setAnswer(outcome.survey.satisfaction ?? null);
    setDone(text === null ? t("rateThanks") : t("rateCommentSaved"));
  };

  // Another of the mail's links opened in this tab changes only the fragment.
  useEffect(() => {
    const read = () => {
      started.current = false;
      setParams(hashParams());
    };
    window.addEventListener("hashchange", read);
    return () => window.removeEventListener("hashchange", read);
  }, []);
  useEffect(() => setComment(loaded?.satisfaction?.comment ?? ""), [loaded]);
  // The link's rating is the answer: recorded at once, and dropped from the address so that
  // a reload (after changing one's mind here) does not record it again.
  useEffect(() => {
    if (!loaded || started.current) return;
    started.current = true;
    if (!linkRating) return;
    history.replaceState(null, "", `/rate#token=${encodeURIComponent(token)}`);
    const settled = current && Date.parse(current.changeableUntil) <= Date.now();
    if (!settled && current?.rating !== linkRating) void send(linkRating, null);
  }, [loaded, linkRating]);

  if (!token) {
    return (
      <Page title={t("rateTitle")}>
        <ErrorBox problem={{ message: t("missingToken") }} />
      </Page>
    );
  }
  if (survey.loading && !loaded) return <p role="status">{t("loading")}</p>;
  if (survey.error || !loaded) {
    const codes = CombinedGraphQLErrors.is(survey.error) ? survey.error.errors.map((e) => e.extensions?.code) : [];
    const message = codes.includes("NOT_FOUND") ? t("rateInvalidLink") : codes.includes("NOT_ALLOWED") ? t("rateOff") : t("error");
    return (
      <Page title={t("rateTitle")}>
        <ErrorBox problem={{ message }} />
        <p>
          {t("rateHelp")} <Link to="/track">{t("viewTickets")}</Link> · <Link to="/submit">{t("submitTicket")}</Link>
        </p>
      </Page>
    );
  }
  const saveComment = async (event: FormEvent) => {
    event.preventDefault();
    if (current) await send(current.rating, comment);
  };
  return (
    <Page title={t("rateTitle")}>
      <div className="card rate-card">
        <p>
          <strong>{t("ticket")} #{loaded.ticketNumber}</strong> · {loaded.subject}
          {loaded.resolvedAt && (
            <>
              <br />
              <small>{t("rateResolvedOn")} <When value={loaded.resolvedAt} /></small>
            </>
          )}
        </p>
        <h2 id="rate-question">{t("rateQuestion")}</h2>
        <div className="rating" role="group" aria-labelledby="rate-question">
          {RATINGS.map((rating) => (
            <button
              key={rating}
              type="button"
              aria-pressed={current?.rating === rating}
              disabled={loading || final}
              onClick={() => void send(rating, null)}
            >
              {t(LABELS[rating])}
            </button>
          ))}
        </div>
        {current && (
          <p data-testid="rating-recorded">
            {t("rateRecorded")}: <strong>{t(LABELS[current.rating])}</strong>.{" "}
            {final ? (
              t("rateFinal")
            ) : (
              <>
                {t("rateChangeableUntil")} <When value={current.changeableUntil} />.
              </>
            )}
          </p>
        )}
        {final && current?.comment && (
          <blockquote className="rate-comment">{current.comment}</blockquote>
        )}
        {done && <Notice>{done}</Notice>}
        <ErrorBox problem={problem?.field === "comment" ? null : problem} />
        {!final && (
          <form onSubmit={saveComment}>
            <Field
              label={t("rateComment")}
              hint={t("rateCommentHint")}
              error={problem?.field === "comment" ? problem.message : null}
            >
              {(props) => (
                <textarea
                  {...props}
                  rows={4}
                  maxLength={COMMENT_MAX}
                  value={comment}
                  disabled={!current}
                  onChange={(event) => setComment(event.target.value)}
                />
              )}
            </Field>
            <button type="submit" disabled={!current || loading}>{t("rateSendComment")}</button>
          </form>
        )}
      </div>
    </Page>
  );
}
