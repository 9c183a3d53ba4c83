// The dashboard's HTML page: layout and styles; the behaviour is in client.ts, the charts come from ECharts.
import { escapeHtml } from '../report/escape.js';

const CSS = `
:root { --fg:#1d2330; --muted:#5b6475; --line:#dfe3ea; --soft:#f5f7fa; --accent:#0b5cad; }
* { box-sizing:border-box; }
body { margin:0; color:var(--fg); font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; background:#fff; }
header { padding:10px 20px; border-bottom:1px solid var(--line); display:flex; gap:16px; align-items:baseline; }
header h1 { font-size:18px; margin:0; }
header .store { color:var(--muted); font-size:12px; }
header a { margin-left:auto; color:var(--accent); }
.layout { display:grid; grid-template-columns: 330px 1fr; min-height: calc(100vh - 48px); }
aside { border-right:1px solid var(--line); padding:12px 16px; background:var(--soft); overflow:auto; }
aside h2 { font-size:14px; margin:16px 0 6px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); }
aside ul { list-style:none; margin:0; padding:0; }
aside li { padding:5px 6px; border-radius:6px; cursor:pointer; }
aside li:hover, aside li.selected { background:#e6ecf5; }
aside li .meta { color:var(--muted); font-size:12px; display:block; }
main { padding:16px 24px 48px; overflow:auto; }
main h2 { margin:0 0 4px; font-size:20px; }
main h3 { margin:22px 0 6px; font-size:16px; }
.muted { color:var(--muted); }
form label { display:block; margin:6px 0 2px; font-size:12px; color:var(--muted); }
form select, form input { width:100%; padding:4px 6px; font:inherit; }
button { margin-top:8px; padding:5px 12px; font:inherit; cursor:pointer; }
progress { width:100%; height:14px; }
#launch-log { font:12px/1.4 ui-monospace,monospace; max-height:160px; overflow:auto; white-space:pre-wrap; color:var(--muted); }
.badge { display:inline-block; font-size:12px; font-weight:600; padding:1px 8px; border-radius:999px; margin-right:6px; border:1px solid #d3d8e1; background:#eef0f4; color:#444c5a; }
.badge.self-defeating { background:#fde8e8; color:#a61b1b; border-color:#f3b7b7; }
.badge.improvement { background:#e5f5ea; color:#17663a; border-color:#aedbbd; }
.badge.regression { background:#fff1e0; color:#8a4b00; border-color:#f0c98f; }
table { border-collapse:collapse; margin:8px 0 14px; font-size:13px; font-variant-numeric:tabular-nums; }
caption { text-align:left; color:var(--muted); padding-bottom:4px; }
th, td { border-bottom:1px solid var(--line); padding:4px 9px; }
th { background:var(--soft); text-align:left; }
.charts { display:flex; flex-wrap:wrap; gap:12px; }
.chart { width:440px; height:280px; border:1px solid var(--line); border-radius:6px; }
.figures { display:flex; flex-wrap:wrap; gap:12px; }
figure { margin:0; }
figure img { max-width:440px; border:1px solid var(--line); border-radius:6px; }
figcaption { color:var(--muted); font-size:12px; }
.error { color:#a61b1b; }
`;

/** The page; `storeDir` is shown in the header. */
export function dashboardPage(storeDir: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>entangle dashboard</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>entangle</h1><span class="store">store: ${escapeHtml(storeDir)}</span><a href="/report.html" target="_blank">full HTML report</a></header>
<div class="layout">
<aside>
  <h2>Start a run</h2>
  <form id="launch-form">
    <label for="launch-scenario">Scenario</label><select id="launch-scenario" required></select>
    <label for="launch-preset">Preset</label><select id="launch-preset"><option>quick</option><option>standard</option><option>paper</option></select>
    <label for="launch-seeds">Seeds (empty: the preset's)</label><input id="launch-seeds" type="number" min="1" step="1">
    <div id="launch-params" class="muted"></div>
    <button type="submit" id="launch-start">Start</button> <button type="button" id="launch-cancel" hidden>Cancel</button>
  </form>
  <div id="launch-status" hidden>
    <p id="launch-title"></p>
    <progress id="launch-progress" value="0" max="1"></progress>
    <div id="launch-counts" class="muted"></div>
    <div id="launch-current" class="muted"></div>
    <div id="launch-log"></div>
  </div>
  <h2>Scenario results</h2><ul id="results"><li class="muted">loading…</li></ul>
  <h2>Runs</h2><ul id="runs"><li class="muted">loading…</li></ul>
</aside>
<main id="detail"><p class="muted">Pick a scenario result or a run on the left, or start a run.</p></main>
</div>
<script src="/assets/echarts.min.js"></script>
<script src="/assets/dashboard.js"></script>
</body>
</html>
`;
}
