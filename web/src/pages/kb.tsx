// The knowledge base: browse and search published articles, vote "¿Fue útil?".
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useLanguage, useT } from "../i18n";
import { ARTICLE, ARTICLES, VOTE } from "../ops";
import { Link } from "../router";
import { ErrorBox, Field, Notice, Page, problemOf, type Problem } from "../ui";

function voterId(): string {
  let id = localStorage.getItem("mesa-voter");
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem("mesa-voter", id);
  }
  return id;
}

export function KnowledgeBase() {
  const t = useT();
  const lang = useLanguage();
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const { data, loading } = useQuery(ARTICLES, {
    variables: { search: search || null, language: search ? null : lang === "es" ? "ES" : "EN" },
  });
  const articles = data?.articles.edges.map((edge) => edge.node) ?? [];
  return (
    <Page title={t("kb")}>
      <p className="lead">{t("kbIntro")}</p>
      <form
        role="search"
        className="inline"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setSearch(text.trim());
        }}
      >
        <Field label={t("searchKb")}>
          {(props) => <input {...props} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
        </Field>
        <button type="submit">{t("search")}</button>
      </form>
      {loading && !data && <p role="status">{t("loading")}</p>}
      {data && !articles.length && <p>{t("noResults")}</p>}
      <ul className="articles">
        {articles.map((article) => (
          <li key={article.id} className="card">
            <h2><Link to={`/kb/${article.slug}`}>{article.title}</Link></h2>
            <p>{article.summary}</p>
            {article.category && <small>{(lang === "es" && article.category.nameEs) || article.category.name}</small>}
          </li>
        ))}
      </ul>
    </Page>
  );
}

export function ArticlePage({ slug }: { slug: string }) {
  const t = useT();
  const { data, loading } = useQuery(ARTICLE, { variables: { slug } });
  const [vote] = useMutation(VOTE);
  const [voted, setVoted] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const article = data?.article;
  if (loading && !data) return <p role="status">{t("loading")}</p>;
  if (!article) return <ErrorBox problem={{ message: t("notFound") }} />;
  const answer = async (helpful: boolean) => {
    const { data: result } = await vote({ variables: { articleId: article.id, helpful, sessionId: voterId() } });
    const error = problemOf(result?.voteArticle, t("error"));
    setProblem(error);
    setVoted(!error);
  };
  return (
    <Page title={article.title}>
      <p><Link to="/kb">← {t("kb")}</Link></p>
      <p className="lead">{article.summary}</p>
      <p className="meta">
        {t("difficulty")}: {article.difficulty}
        {article.timeNeededMinutes ? ` · ${article.timeNeededMinutes} ${t("minutes")}` : ""}
        {article.toolsRequired ? ` · ${article.toolsRequired}` : ""}
      </p>
      {/* Rendered and sanitised by the API (nh3). */}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      <section className="card vote" aria-labelledby="vote-title">
        <h2 id="vote-title">{t("helpful")}</h2>
        <div className="buttons">
          <button type="button" onClick={() => answer(true)}>{t("yes")}</button>
          <button type="button" className="secondary" onClick={() => answer(false)}>{t("no")}</button>
        </div>
        {voted && <Notice>{t("thanksVote")} ({article.helpfulCount ?? 0} 👍 · {article.notHelpfulCount ?? 0} 👎)</Notice>}
        <ErrorBox problem={problem} />
      </section>
    </Page>
  );
}
