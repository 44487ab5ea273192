// A horizontal stacked bar chart in SVG, drawn by React: per group, a bar for first responses
// and one for resolutions, each split into met, breached and running. The figures are also in
// the table the report shows next to it; the SVG carries a title and a description.
import { useId } from "react";
import { useT } from "../i18n";

export type Deadline = { met: number; breached: number; running: number };
export type ChartGroup = { key: string; label: string; firstResponses: Deadline; resolutions: Deadline };

export const SEGMENTS = [
  ["met", "MET", "#2e7d32"],
  ["breached", "BREACHED", "#a4161a"],
  ["running", "reportRunning", "#5b6b7d"],
] as const;

const WIDTH = 640;
const LABEL = 150;
const BAR = 18;
const GAP = 6;
const GROUP_GAP = 18;
const HEADING = 20;

export function SlaChart({ groups, title }: { groups: ChartGroup[]; title: string }) {
  const t = useT();
  const id = useId();
  const largest = Math.max(1, ...groups.flatMap((g) => [g.firstResponses, g.resolutions].map((d) => d.met + d.breached + d.running)));
  const room = WIDTH - LABEL - 70;
  const groupHeight = HEADING + 2 * BAR + GAP + GROUP_GAP;
  const height = Math.max(groupHeight * groups.length, 40);
  const describe = (d: Deadline) =>
    `${t("MET")} ${d.met}, ${t("BREACHED")} ${d.breached}, ${t("reportRunning")} ${d.running}`;
  const summary = groups
    .map((g) => `${g.label}: ${t("reportFirstResponse")} (${describe(g.firstResponses)}); ${t("reportResolution")} (${describe(g.resolutions)})`)
    .join(". ");
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMinYMin meet"
        data-testid="sla-chart"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary || t("noResults")}</desc>
        {groups.map((group, index) => {
          const top = index * groupHeight;
          const bars: [string, Deadline][] = [
            [t("reportFirstResponse"), group.firstResponses],
            [t("reportResolution"), group.resolutions],
          ];
          return (
            <g key={group.key} transform={`translate(0 ${top})`}>
              <text x={0} y={14} className="chart-group">{group.label}</text>
              {bars.map(([label, deadline], row) => {
                const y = HEADING + row * (BAR + GAP);
                let x = LABEL;
                const total = deadline.met + deadline.breached + deadline.running;
                return (
                  <g key={label} data-bar={`${group.key}-${row}`}>
                    <text x={0} y={y + BAR - 5} className="chart-label">{label}</text>
                    <rect x={LABEL} y={y} width={room} height={BAR} className="chart-track" />
                    {SEGMENTS.map(([field, , colour]) => {
                      const width = (deadline[field] / largest) * room;
                      const segment = width > 0 ? (
                        <rect key={field} x={x} y={y} width={width} height={BAR} fill={colour} data-segment={field} data-value={deadline[field]} />
                      ) : null;
                      x += width;
                      return segment;
                    })}
                    <text x={x + 6} y={y + BAR - 5} className="chart-value">{total}</text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend" aria-label={t("reportLegend")}>
          {SEGMENTS.map(([field, label, colour]) => (
            <li key={field}>
              <svg width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" fill={colour} /></svg>
              {t(label)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
