import type { BacktestReport } from "./report.js";

/**
 * The backtest as one self-contained HTML page: no network, no external
 * file. The chart is SVG drawn here, so it shows without script; the script
 * only filters and sorts the table.
 */

const PALETTE = ["#d1495b", "#7cb518", "#3d7dd8", "#e9a03b", "#8e6cc0", "#5c946e", "#b5651d", "#6c757d"];
export const VERDICT_COLORS: Record<string, string> = { merge: "#2a9d8f", wait: "#e9a03b", "needs-human": "#8e6cc0", blocked: "#d1495b" };
const VERDICTS = ["merge", "wait", "needs-human", "blocked"];

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** JSON that can sit inside a script element: no `</script>`, no HTML comment openers, no line separators. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

export const laneColors = (lanes: readonly string[]): Record<string, string> =>
  Object.fromEntries(lanes.map((lane, i) => [lane, PALETTE[i % PALETTE.length] as string]));

interface Period {
  key: string;
  label: string;
  counts: Record<string, number>;
}

/** Weeks (from Monday) for up to 20 weeks of history, months up to 8 years, quarters beyond; empty periods kept. */
export function periods(report: BacktestReport): { unit: "week" | "month" | "quarter"; periods: Period[] } {
  const times = report.items.map((i) => Date.parse(i.merged_at)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return { unit: "week", periods: [] };
  const min = Math.min(...times);
  const max = Math.max(...times);
  const days = (max - min) / 86_400_000;
  const unit = days <= 140 ? "week" : days <= 8 * 366 ? "month" : "quarter";
  const startOf = (t: number): Date => {
    const d = new Date(t);
    if (unit === "week") {
      const day = (d.getUTCDay() + 6) % 7;
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
    }
    const month = unit === "month" ? d.getUTCMonth() : d.getUTCMonth() - (d.getUTCMonth() % 3);
    return new Date(Date.UTC(d.getUTCFullYear(), month, 1));
  };
  const next = (d: Date): Date =>
    unit === "week"
      ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 7))
      : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + (unit === "month" ? 1 : 3), 1));
  const label = (d: Date): string =>
    unit === "week"
      ? d.toISOString().slice(0, 10)
      : unit === "month"
        ? d.toISOString().slice(0, 7)
        : `${d.getUTCFullYear()} Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  const out: Period[] = [];
  const index = new Map<string, Period>();
  for (let d = startOf(min); d.getTime() <= max; d = next(d)) {
    const p = { key: d.toISOString().slice(0, 10), label: label(d), counts: {} };
    out.push(p);
    index.set(p.key, p);
  }
  for (const item of report.items) {
    const t = Date.parse(item.merged_at);
    if (!Number.isFinite(t)) continue;
    const p = index.get(startOf(t).toISOString().slice(0, 10));
    if (p) p.counts[item.lane] = (p.counts[item.lane] ?? 0) + 1;
  }
  return { unit, periods: out };
}

/** A round axis maximum and its tick step. */
function niceScale(max: number): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude;
  return { top: Math.ceil(max / step) * step, step };
}

/** Stacked bars of lanes per period, with axes, gridlines and a tooltip per segment. */
export function laneChart(report: BacktestReport, colors: Record<string, string>): string {
  const { unit, periods: list } = periods(report);
  const W = 960;
  const H = 300;
  const m = { top: 16, right: 16, bottom: 44, left: 44 };
  const plotW = W - m.left - m.right;
  const plotH = H - m.top - m.bottom;
  const totals = list.map((p) => Object.values(p.counts).reduce((a, b) => a + b, 0));
  const { top, step } = niceScale(Math.max(0, ...totals));
  const y = (v: number) => m.top + plotH - (v / top) * plotH;
  const band = list.length > 0 ? plotW / list.length : plotW;
  const barW = Math.max(1, Math.min(48, band * 0.78));
  const parts: string[] = [];
  for (let v = 0; v <= top; v += step) {
    parts.push(`<line class="grid" x1="${m.left}" x2="${W - m.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`);
    parts.push(`<text class="tick" x="${m.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(list.length / 12));
  list.forEach((p, i) => {
    const x = m.left + i * band + (band - barW) / 2;
    let acc = 0;
    for (const lane of report.lanes) {
      const n = p.counts[lane] ?? 0;
      if (n === 0) continue;
      const y0 = y(acc + n);
      const h = y(acc) - y0;
      parts.push(
        `<rect class="bar" data-lane="${escapeHtml(lane)}" x="${x.toFixed(1)}" y="${y0.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(0.5, h).toFixed(1)}" fill="${colors[lane]}"><title>${escapeHtml(`${p.label}: ${n} ${lane}`)}</title></rect>`,
      );
      acc += n;
    }
    if (i % labelEvery === 0)
      parts.push(
        `<text class="tick" x="${(m.left + i * band + band / 2).toFixed(1)}" y="${H - m.bottom + 18}" text-anchor="middle">${escapeHtml(p.label)}</text>`,
      );
  });
  parts.push(`<line class="axis" x1="${m.left}" x2="${W - m.right}" y1="${y(0)}" y2="${y(0)}"/>`);
  parts.push(`<text class="axis-title" x="${m.left + plotW / 2}" y="${H - 6}" text-anchor="middle">merged per ${unit}</text>`);
  return `<svg id="lane-chart" role="img" aria-label="Lanes of merged PRs per ${unit}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid meet">${parts.join("")}</svg>`;
}

/** One horizontal bar per lane, split by verdict. */
function verdictBars(report: BacktestReport): string {
  const max = Math.max(1, ...report.lanes.map((l) => report.totals.by_lane[l] ?? 0));
  return report.lanes
    .map((lane) => {
      const n = report.totals.by_lane[lane] ?? 0;
      const segments = VERDICTS.map((v) => {
        const k = report.totals.by_lane_verdict[lane]?.[v] ?? 0;
        return k === 0
          ? ""
          : `<span class="seg" style="width:${((k / max) * 100).toFixed(2)}%;background:${VERDICT_COLORS[v]}" title="${escapeHtml(`${lane}: ${k} ${v}`)}"></span>`;
      }).join("");
      return `<div class="vrow"><span class="vlabel">${escapeHtml(lane)}</span><span class="vtrack">${segments}</span><span class="vcount">${n}</span></div>`;
    })
    .join("");
}

function hitsTable(title: string, counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const rows = entries.map(([code, n]) => `<tr><td><code>${escapeHtml(code)}</code></td><td class="num">${n}</td></tr>`).join("");
  return `<section class="card"><h3>${escapeHtml(title)}</h3>${entries.length === 0 ? '<p class="muted">None.</p>' : `<table class="mini">${rows}</table>`}</section>`;
}

const STYLE = `
:root{--fg:#1f2933;--muted:#6b7785;--line:#e3e7ec;--bg:#f6f8fa;--card:#fff;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0;padding:24px 32px 48px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 12px}h3{font-size:14px;margin:0 0 8px}
.muted{color:var(--muted)}.sub{color:var(--muted);margin:0 0 20px;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px 16px}
.stat .n{font-size:26px;font-weight:650}.stat .l{font-size:12px;color:var(--muted)}.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:baseline}
.grid2{display:grid;grid-template-columns:2fr 1fr;gap:12px;margin-bottom:16px}@media(max-width:900px){.grid2{grid-template-columns:1fr}}
#lane-chart{width:100%;height:auto;display:block}#lane-chart .grid{stroke:var(--line)}#lane-chart .axis{stroke:#9aa5b1}#lane-chart .tick{font-size:11px;fill:var(--muted)}#lane-chart .axis-title{font-size:12px;fill:var(--muted)}#lane-chart .bar{cursor:pointer}#lane-chart .bar:hover{opacity:.8}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;margin-top:6px}
.vrow{display:grid;grid-template-columns:120px 1fr 40px;align-items:center;gap:8px;margin:6px 0;font-size:12px}.vtrack{display:flex;height:14px;background:var(--bg);border-radius:3px;overflow:hidden}.seg{display:block;height:100%}.vcount{text-align:right;color:var(--muted)}.vlabel{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{position:sticky;top:0;background:var(--card);cursor:pointer;user-select:none;font-weight:600}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num,th.num{text-align:right}.mini td{padding:3px 6px}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;color:#fff;white-space:nowrap}
.tag{display:inline-block;padding:0 6px;margin:1px 2px 1px 0;border-radius:4px;font-size:11px;background:#eef1f5;color:#3e4c59;white-space:nowrap}.tag.hit{background:#fde8ea;color:#9b1c2c}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px;font-size:13px}.filters input[type=search]{min-width:260px;padding:5px 8px;border:1px solid var(--line);border-radius:6px}.filters select{padding:4px 6px;border:1px solid var(--line);border-radius:6px}
.tablewrap{max-height:70vh;overflow:auto;border:1px solid var(--line);border-radius:8px;background:var(--card)}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}.title{max-width:520px}.paths{color:var(--muted);font-size:11px}
`;

const SCRIPT = `
(function(){
  var data=JSON.parse(document.getElementById('backtest-data').textContent);
  var items=data.items, colors=data.colors, vcolors=data.verdictColors;
  var body=document.querySelector('#items tbody'), count=document.getElementById('shown');
  var q=document.getElementById('f-text'), lane=document.getElementById('f-lane'), verdict=document.getElementById('f-verdict'), hits=document.getElementById('f-hits'), changed=document.getElementById('f-changed');
  var sortKey='merged_at', sortDir=-1;
  function esc(s){return String(s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c];});}
  function pill(text,color){return '<span class="pill" style="background:'+color+'">'+esc(text)+'</span>';}
  function tags(list,cls){return list.map(function(t){return '<span class="tag'+(cls?' '+cls:'')+'">'+esc(t)+'</span>';}).join('');}
  function row(i){
    var was=i.against&&(i.against.lane!==i.lane||i.against.verdict!==i.verdict)?'<div class="paths">was '+esc(i.against.lane+' '+i.against.verdict)+'</div>':'';
    return '<tr><td><code>'+esc(i.id)+'</code></td><td>'+esc(i.merged_at.slice(0,10))+'</td><td>'+pill(i.lane,colors[i.lane]||'#6c757d')+was+'</td><td>'+pill(i.verdict,vcolors[i.verdict]||'#6c757d')+'</td><td class="num">'+i.files+'</td><td class="num">'+i.lines+'</td><td>'+tags(i.areas)+'</td><td>'+tags(i.guardrails.concat(i.never_automate),'hit')+'</td><td class="title">'+esc(i.title)+'<div class="paths">'+esc(i.paths.slice(0,4).join('  '))+(i.paths.length>4?' …':'')+'</div></td></tr>';
  }
  function render(){
    var text=q.value.trim().toLowerCase();
    var shown=items.filter(function(i){
      if(lane.value&&i.lane!==lane.value)return false;
      if(verdict.value&&i.verdict!==verdict.value)return false;
      if(hits.checked&&i.guardrails.length+i.never_automate.length===0)return false;
      if(changed&&changed.checked&&!(i.against&&(i.against.lane!==i.lane||i.against.verdict!==i.verdict)))return false;
      if(text){var hay=(i.id+' '+i.title+' '+i.author+' '+i.areas.join(' ')+' '+i.reasons.join(' ')+' '+i.paths.join(' ')).toLowerCase();if(hay.indexOf(text)<0)return false;}
      return true;
    });
    shown.sort(function(a,b){var x=a[sortKey],y=b[sortKey];return (x<y?-1:x>y?1:0)*sortDir;});
    body.innerHTML=shown.map(row).join('');
    count.textContent=shown.length+' of '+items.length;
  }
  [q,lane,verdict,hits,changed].forEach(function(el){if(el)el.addEventListener('input',render);});
  document.querySelectorAll('#items th[data-key]').forEach(function(th){
    th.addEventListener('click',function(){
      var k=th.getAttribute('data-key');sortDir=(sortKey===k)?-sortDir:(k==='merged_at'||k==='lines'||k==='files'?-1:1);sortKey=k;
      document.querySelectorAll('#items th').forEach(function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',sortDir>0?'ascending':'descending');render();
    });
  });
  document.querySelectorAll('#lane-chart .bar').forEach(function(bar){
    bar.addEventListener('click',function(){lane.value=bar.getAttribute('data-lane');render();document.getElementById('items').scrollIntoView({behavior:'smooth'});});
  });
  render();
})();
`;

export function renderHtml(report: BacktestReport): string {
  const colors = laneColors(report.lanes);
  const s = report.source;
  const unit = s.fell_back_to_commits ? "commits" : "merged PRs";
  const scope = [s.kind === "git" ? `git ${s.where}` : "GitHub", s.range, s.last !== undefined ? `last ${s.last}` : undefined]
    .filter(Boolean)
    .join(", ");
  const stat = (n: number, label: string, color?: string) =>
    `<div class="card stat"><div class="n">${n}</div><div class="l">${color ? `<span class="swatch" style="background:${color}"></span>` : ""}${escapeHtml(label)}</div></div>`;
  const cards = [
    stat(report.totals.items, unit),
    ...report.lanes.map((l) => stat(report.totals.by_lane[l] ?? 0, l, colors[l])),
    stat(report.totals.by_verdict.merge ?? 0, "would merge unattended", VERDICT_COLORS.merge),
  ].join("");
  const legend = report.lanes
    .map(
      (l) => `<span><span class="swatch" style="background:${colors[l]}"></span>${escapeHtml(l)} (${report.totals.by_lane[l] ?? 0})</span>`,
    )
    .join("");
  const verdictLegend = VERDICTS.map((v) => `<span><span class="swatch" style="background:${VERDICT_COLORS[v]}"></span>${v}</span>`).join(
    "",
  );
  const options = (values: readonly string[]) => values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`).join("");
  const against =
    report.changes && report.against
      ? `<section class="card" style="margin-bottom:16px"><h3>Against ${escapeHtml(report.against.source)}: ${report.changes.count} PR${report.changes.count === 1 ? "" : "s"} change lane or verdict</h3>${
          Object.keys(report.changes.transitions).length === 0
            ? '<p class="muted">No change.</p>'
            : `<table class="mini">${Object.entries(report.changes.transitions)
                .sort((a, b) => b[1] - a[1])
                .map(([t, n]) => `<tr><td>${escapeHtml(t)}</td><td class="num">${n}</td></tr>`)
                .join("")}</table>`
        }</section>`
      : "";
  // The page keeps a few paths per PR to stay small; --json has them all.
  const items = report.items.map((i) => ({ ...i, paths: i.paths.slice(0, 12), renamed_from: i.renamed_from.slice(0, 12) }));
  const data = { items, colors, verdictColors: VERDICT_COLORS };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Shiplane backtest: ${escapeHtml(report.repository)}</title><style>${STYLE}</style></head>
<body>
<h1>Backtest of ${escapeHtml(report.policy.name)} on ${escapeHtml(report.repository)}</h1>
<p class="sub">${report.totals.items} ${unit} (${escapeHtml(scope)}) judged by <code>${escapeHtml(report.policy.source)}</code>. Evidence ${escapeHtml(report.evidence.note)}.</p>
<div class="cards">${cards}</div>
<div class="grid2">
<section class="card"><h2>Lanes over time</h2>${laneChart(report, colors)}<div class="legend">${legend}</div></section>
<div>
<section class="card" style="margin-bottom:12px"><h3>Verdicts by lane</h3>${verdictBars(report)}<div class="legend">${verdictLegend}</div></section>
${hitsTable("Guardrail hits", report.totals.guardrails)}
<div style="height:12px"></div>
${hitsTable("Never-automate hits", report.totals.never_automate)}
</div>
</div>
${against}
<section class="card">
<h2>Every ${unit === "commits" ? "commit" : "PR"}</h2>
<div class="filters">
<input id="f-text" type="search" placeholder="Filter: title, path, area, reason, author…" aria-label="Filter text">
<label>Lane <select id="f-lane"><option value="">all</option>${options(report.lanes)}</select></label>
<label>Verdict <select id="f-verdict"><option value="">all</option>${options(VERDICTS)}</select></label>
<label><input id="f-hits" type="checkbox"> guardrail or never-automate hit</label>
${report.changes ? '<label><input id="f-changed" type="checkbox"> changed by this policy</label>' : ""}
<span class="muted">showing <span id="shown">${report.items.length} of ${report.items.length}</span></span>
</div>
<div class="tablewrap"><table id="items"><thead><tr><th data-key="id">PR</th><th data-key="merged_at" aria-sort="descending">merged</th><th data-key="lane">lane</th><th data-key="verdict">verdict</th><th data-key="files" class="num">files</th><th data-key="lines" class="num">lines</th><th>areas</th><th>hits</th><th data-key="title">title</th></tr></thead><tbody></tbody></table></div>
</section>
<script type="application/json" id="backtest-data">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
