// One self-contained HTML report: inline CSS and SVG, no scripts, no external assets.
import { escapeHtml } from './escape.js';
import { type Table, tableToHtml } from './table.js';

/** Known verdicts (evaluate/verdict.ts's UpdateKind and ModelVerdict) get colours; any other string a neutral badge. */
export type VerdictKind =
  | 'self-defeating' | 'improvement' | 'regression' | 'no evidence' | 'no-evidence' | 'improved' | 'deteriorated'
  | (string & {});

export interface Verdict {
  kind: VerdictKind;
  /** What the verdict is about, e.g. `update v → v′`. */
  subject?: string;
  /** One sentence of evidence, e.g. `Δℓ_v = −0.031 [−0.04, −0.02]; Δℓ_w = +0.05 [0.03, 0.07]`. */
  text?: string;
}

export interface Figure {
  /** An SVG string produced by this package's chart functions (inserted verbatim; must not contain scripts). */
  svg: string;
  caption?: string;
}

export interface ReportSection {
  heading: string;
  /** Plain text; blank lines separate paragraphs. HTML in it is shown literally. */
  text?: string;
  tables?: Table[];
  figures?: (string | Figure)[];
  verdicts?: Verdict[];
}

export interface HtmlReport {
  title: string;
  /** One line under the title, e.g. the scenario, preset and seeds. */
  subtitle?: string;
  /** Shown in the footer; pass it in (no clock is read here, so equal inputs give equal files). */
  generatedAt?: string;
  sections: ReportSection[];
}

const BADGES: Record<string, { label: string; cls: string }> = {
  'self-defeating': { label: 'Self-defeating', cls: 'bad' },
  regression: { label: 'Regression', cls: 'warn' },
  deteriorated: { label: 'Deteriorated', cls: 'warn' },
  improvement: { label: 'Improvement', cls: 'good' },
  improved: { label: 'Improved', cls: 'good' },
  'no evidence': { label: 'No evidence', cls: 'none' },
  'no-evidence': { label: 'No evidence', cls: 'none' },
};

const CSS = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#dfe3ea; --bg:#fff; --soft:#f5f7fa; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--fg); font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
.subtitle { color: var(--muted); margin: 0 0 20px; }
nav { background: var(--soft); border:1px solid var(--line); border-radius:8px; padding:10px 16px; margin-bottom:28px; }
nav ol { margin:4px 0; padding-left:20px; }
nav a { color:#0b5cad; text-decoration:none; }
section { border-top:1px solid var(--line); padding-top:18px; margin-top:28px; }
h2 { font-size: 20px; margin: 0 0 10px; }
p { margin: 0 0 10px; }
.verdicts { list-style:none; padding:0; margin:8px 0 14px; }
.verdicts li { margin:6px 0; }
.badge { display:inline-block; font-size:12px; font-weight:600; letter-spacing:.02em; padding:2px 9px; border-radius:999px; margin-right:8px; border:1px solid transparent; }
.badge.bad { background:#fde8e8; color:#a61b1b; border-color:#f3b7b7; }
.badge.warn { background:#fff1e0; color:#8a4b00; border-color:#f0c98f; }
.badge.good { background:#e5f5ea; color:#17663a; border-color:#aedbbd; }
.badge.none { background:#eef0f4; color:#444c5a; border-color:#d3d8e1; }
.subject { font-weight:600; margin-right:6px; }
table { border-collapse:collapse; margin:10px 0 18px; font-size:14px; font-variant-numeric: tabular-nums; }
caption { text-align:left; color:var(--muted); padding-bottom:4px; }
th, td { border-bottom:1px solid var(--line); padding:5px 10px; }
th { background:var(--soft); text-align:left; font-weight:600; }
tbody tr:nth-child(even) { background:#fafbfc; }
figure { margin:14px 0 22px; }
figure svg { max-width:100%; height:auto; display:block; }
figcaption { color:var(--muted); font-size:13px; margin-top:4px; }
footer { color:var(--muted); font-size:12px; margin-top:40px; }
`;

function slug(text: string, index: number): string {
  const base = text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `s${index + 1}${base ? `-${base}` : ''}`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function verdictList(verdicts: Verdict[]): string {
  const items = verdicts.map((v) => {
    const badge = BADGES[v.kind] ?? { label: v.kind, cls: 'none' };
    const subject = v.subject ? `<span class="subject">${escapeHtml(v.subject)}</span>` : '';
    const text = v.text ? `<span>${escapeHtml(v.text)}</span>` : '';
    return `<li><span class="badge ${badge.cls}">${escapeHtml(badge.label)}</span>${subject}${text}</li>`;
  });
  return `<ul class="verdicts">\n${items.join('\n')}\n</ul>`;
}

/** Gives each inlined SVG its own id prefix: ECharts names ids per process (zr0-c0...), which could collide. */
function isolateSvg(svg: string, figureId: string, where: string): string {
  const trimmed = svg.trim();
  if (!trimmed.startsWith('<svg') || /<script|<[^>]*\son[a-z]+\s*=|<[^>]*javascript:/i.test(trimmed)) {
    throw new Error(`${where}: a figure must be an SVG string from the chart functions (starting '<svg', without scripts or event handlers).`);
  }
  return trimmed.replace(/\bzr\d+-/g, `${figureId}-`);
}

/** Renders the report to one HTML document with inline CSS and SVG. */
export function renderHtmlReport(report: HtmlReport): string {
  let figureCount = 0;
  const sections = report.sections.map((s, i) => {
    const parts: string[] = [`<h2>${escapeHtml(s.heading)}</h2>`];
    if (s.verdicts?.length) parts.push(verdictList(s.verdicts));
    if (s.text) parts.push(paragraphs(s.text));
    for (const fig of s.figures ?? []) {
      const f = typeof fig === 'string' ? { svg: fig } : fig;
      const svg = isolateSvg(f.svg, `fig${++figureCount}`, `Section '${s.heading}'`);
      const caption = f.caption ? `\n<figcaption>${escapeHtml(f.caption)}</figcaption>` : '';
      parts.push(`<figure>\n${svg}${caption}\n</figure>`);
    }
    for (const t of s.tables ?? []) parts.push(tableToHtml(t));
    return `<section id="${slug(s.heading, i)}">\n${parts.join('\n')}\n</section>`;
  });
  const nav =
    report.sections.length > 1
      ? `<nav><strong>Contents</strong><ol>${report.sections.map((s, i) => `<li><a href="#${slug(s.heading, i)}">${escapeHtml(s.heading)}</a></li>`).join('')}</ol></nav>`
      : '';
  const subtitle = report.subtitle ? `<p class="subtitle">${escapeHtml(report.subtitle)}</p>` : '';
  const footer = `<footer>Generated by entangle${report.generatedAt ? ` on ${escapeHtml(report.generatedAt)}` : ''}.</footer>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(report.title)}</h1>`,
    subtitle,
    nav,
    ...sections,
    footer,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
