// Tables as plain data, rendered to HTML (reports) and aligned Markdown (docs/results.md, terminals).
import { escapeHtml } from './escape.js';
import { formatNumber } from './format.js';

export type Cell = string | number | null;
export type Align = 'left' | 'right' | 'center';

export interface Column {
  name: string;
  /** Default: right for columns whose cells are all numbers (or empty), left otherwise. */
  align?: Align;
}

export interface Table {
  caption?: string;
  columns: (string | Column)[];
  rows: Cell[][];
  /** Significant digits for non-integer numbers (default 4). */
  digits?: number;
}

interface Resolved {
  names: string[];
  aligns: Align[];
  cells: string[][];
}

function resolve(table: Table): Resolved {
  const columns = table.columns.map((c) => (typeof c === 'string' ? { name: c } : c));
  table.rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new Error(
        `Table${table.caption ? ` '${table.caption}'` : ''}: row ${i} has ${row.length} cells but there are ${columns.length} columns (${columns.map((c) => c.name).join(', ')}).`,
      );
    }
  });
  const aligns = columns.map((c, j) =>
    c.align ?? (table.rows.length > 0 && table.rows.every((r) => typeof r[j] === 'number' || r[j] === null) ? 'right' : 'left'),
  );
  const cells = table.rows.map((row) => row.map((v) => (typeof v === 'number' || v === null ? formatNumber(v, table.digits) : v)));
  return { names: columns.map((c) => c.name), aligns, cells };
}

/** An HTML <table> with escaped content and a <caption> when given. */
export function tableToHtml(table: Table): string {
  const { names, aligns, cells } = resolve(table);
  const style = (j: number) => (aligns[j] === 'left' ? '' : ` style="text-align:${aligns[j]}"`);
  const head = names.map((n, j) => `<th${style(j)}>${escapeHtml(n)}</th>`).join('');
  const body = cells.map((row) => `<tr>${row.map((v, j) => `<td${style(j)}>${escapeHtml(v)}</td>`).join('')}</tr>`).join('\n');
  const caption = table.caption ? `<caption>${escapeHtml(table.caption)}</caption>\n` : '';
  return `<table>\n${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Display width of a string in a monospace terminal (code points; combining marks are not special-cased). */
function width(s: string): number {
  return [...s].length;
}

function padCell(s: string, w: number, align: Align): string {
  const gap = w - width(s);
  if (align === 'right') return ' '.repeat(gap) + s;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + s + ' '.repeat(Math.ceil(gap / 2));
  return s + ' '.repeat(gap);
}

/** A GitHub-flavoured Markdown table whose columns are padded to equal width; `|` in cells is escaped. */
export function tableToMarkdown(table: Table): string {
  const { names, aligns, cells } = resolve(table);
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const head = names.map(esc);
  const body = cells.map((r) => r.map(esc));
  const widths = head.map((h, j) => Math.max(3, width(h), ...body.map((r) => width(r[j]))));
  const line = (row: string[]) => `| ${row.map((v, j) => padCell(v, widths[j], aligns[j])).join(' | ')} |`;
  const rule = widths.map((w, j) => {
    const a = aligns[j];
    return (a === 'center' ? ':' : '-') + '-'.repeat(w - 2) + (a === 'left' ? '-' : ':');
  });
  const out = [line(head), `| ${rule.join(' | ')} |`, ...body.map(line)];
  return (table.caption ? `**${esc(table.caption)}**\n\n` : '') + out.join('\n');
}
