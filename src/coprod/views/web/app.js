// coprod dashboard: vanilla JS, no build step, nothing fetched beyond this server.
// Every piece of data reaches the page through textContent or an attribute set on a
// created element: never innerHTML, so a document's text is shown, never run.
"use strict";

const TOKEN_KEY = "coprod.token";
const PAGE = 25;
const STAGES = ["planned", "negotiating", "preliminary", "signed", "operational"]; // coprod.model.STAGES
const SVG = "http://www.w3.org/2000/svg";
const ERROR_LABELS = {
  401: "Not signed in (401)",
  403: "Not allowed (403)",
  404: "Not found (404)",
  412: "Changed meanwhile (412)",
  422: "Invalid (422)",
  428: "Precondition required (428)",
};
const state = { facts: { offset: 0, total: 0, filters: {} }, fact: null, partners: [] };

// ---- DOM helpers ------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "text") node.textContent = String(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function fill(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

function safeHref(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function sourceLink(url, label) {
  const href = safeHref(url);
  const text = label || url || "";
  return href ? el("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, text) : text;
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return url || "";
  }
}

// ---- formatting -------------------------------------------------------------------

const money = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

function fmtMoney(value, currency) {
  if (value === null || value === undefined) return "";
  const n = Number(value);
  const short =
    Math.abs(n) >= 1e9 ? `${(n / 1e9).toFixed(2)} bn` : Math.abs(n) >= 1e6 ? `${(n / 1e6).toFixed(1)} m` : money.format(n);
  return currency ? `${currency} ${short}` : short;
}

function fmtPct(value, digits = 3) {
  return value === null || value === undefined ? "" : `${Number(value).toFixed(digits)}%`;
}

function codes(list) {
  return Array.isArray(list) ? list.join(", ") : list || "";
}

function figureOf(item) {
  if (item.amount !== null && item.amount !== undefined) return fmtMoney(item.amount, item.currency);
  if (item.share_pct !== null && item.share_pct !== undefined) {
    return `${item.share_pct}% of GDP${item.period ? ` (${item.period})` : ""}`;
  }
  if (item.value !== null && item.value !== undefined) return `${item.metric || "target"}: ${fmtMoney(item.value, item.unit)}`;
  if (item.kind || item.stage) return [item.kind, item.stage].filter(Boolean).join(": ");
  return item.type || "fact";
}

// ---- the API ------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
  describe() {
    return `${ERROR_LABELS[this.status] || `Error ${this.status}`}: ${this.message}`;
  }
}

async function request(path, options) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body && body.error ? body.error.message : response.statusText;
    throw new ApiError(response.status, message);
  }
  return { body, response };
}

async function api(path) {
  return (await request(path)).body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) search.set(name, value);
  }
  return search.toString();
}

// Only the latest load of a view may draw it: an older answer arriving late is dropped.
const tickets = {};
function ticket(name) {
  const mine = (tickets[name] = (tickets[name] || 0) + 1);
  return () => tickets[name] === mine;
}

function notice(message) {
  const node = document.getElementById("notice");
  node.textContent = message || "";
  node.hidden = !message;
}

async function guarded(work) {
  try {
    const done = await work();
    notice("");
    return done;
  } catch (error) {
    notice(error instanceof ApiError ? error.describe() : `Could not load: ${error.message}`);
    return null;
  }
}

// ---- tables and CSV -----------------------------------------------------------------

// A column: {label, value: row => text or Node, csv?: row => text, cls?: td class}. The CSV holds the
// rows shown, as text; a cell that a spreadsheet would read as a formula is quoted.
function table(caption, columns, rows, filename) {
  const head = el("tr", {}, columns.map((c) => el("th", { scope: "col" }, c.label)));
  const body = rows.map((row) => el("tr", {}, columns.map((c) => el("td", { class: c.cls }, c.value(row)))));
  const download = el("button", { type: "button", class: "csv", onclick: () => downloadCsv(columns, rows, filename) }, "Download CSV");
  const empty = rows.length ? null : el("p", { class: "muted" }, "Nothing to show.");
  return el(
    "div",
    { class: "table-wrap" },
    el("div", { class: "table-tools" }, download),
    el("table", {}, el("caption", {}, caption), el("thead", {}, head), el("tbody", {}, body)),
    empty,
  );
}

function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(columns, rows) {
  const cell = (c, row) => {
    if (c.csv) return c.csv(row);
    const value = c.value(row);
    return value instanceof Node ? value.textContent : value;
  };
  const lines = [columns.map((c) => csvCell(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(cell(c, row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

function downloadCsv(columns, rows, filename) {
  const blob = new Blob([csvText(columns, rows)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function figureButton(label, onclick, description, factId) {
  const attrs = { type: "button", class: "figure", onclick, title: description || "Show the evidence", "data-fact-id": factId };
  return el("button", attrs, label);
}

// ---- views ---------------------------------------------------------------------------

function show(view) {
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  for (const button of document.querySelectorAll("nav.tabs button")) {
    button.setAttribute("aria-pressed", String(button.dataset.view === view));
  }
  const loaders = { timeline: loadTimeline, pipeline: loadPipeline, facts: loadFacts, decisions: loadDecisions };
  if (loaders[view]) guarded(loaders[view]);
}

async function loadScoreboard() {
  const board = await api("/api/scoreboard");
  state.partners = board.partners.map((p) => p.partner);
  const source = board.gdp_source || {};
  fill("gdp-source", `GDP: ${source.name || "?"}, ${source.source || "?"} (${source.vintage || "no vintage"}). Goal: ${board.goal_pct}% of GDP a year.`);
  fill("chart", chart(board.partners, board.goal_pct));
  const columns = [
    { label: "Partner", value: (p) => el("button", { type: "button", class: "partner", onclick: () => openPartner(p.partner) }, p.partner), csv: (p) => p.partner },
    { label: "EUR", value: (p) => fmtMoney(p.eur), csv: (p) => p.eur, cls: "num" },
    { label: "USD", value: (p) => fmtMoney(p.usd), csv: (p) => p.usd, cls: "num" },
    { label: "% of GDP", value: (p) => fmtPct(p.gdp_share_pct), csv: (p) => p.gdp_share_pct, cls: "num" },
    { label: "Money year", value: (p) => p.share_year || "" },
    { label: "GDP year", value: (p) => p.gdp_year || "" },
    { label: "Pledged % of GDP", value: (p) => fmtPct(p.gdp_pledge_pct, 2), csv: (p) => p.gdp_pledge_pct },
    { label: "Entries", value: (p) => p.entries },
    { label: "Joint EUR", value: (p) => fmtMoney(p.joint_eur), csv: (p) => p.joint_eur, cls: "num" },
    { label: "By mechanism", value: (p) => pairs(p.by_mechanism) },
    { label: "By status", value: (p) => pairs(p.by_status) },
    { label: "Not convertible", value: (p) => (p.unconverted || []).map((u) => fmtMoney(u.amount, u.currency)).join("; ") },
    { label: "Conflicts", value: (p) => (p.conflicts ? el("strong", { class: "conflict" }, p.conflicts) : "0"), csv: (p) => p.conflicts },
  ];
  fill("scoreboard-table", table("Partners by money counted", columns, board.partners, "coprod-scoreboard.csv"));
  const ua = board.ukraine;
  fill(
    "ukraine-own",
    ua
      ? `Ukraine's own spending, kept apart: ${fmtMoney(ua.eur, "EUR")} counted, ${(ua.unconverted || []).map((u) => fmtMoney(u.amount, u.currency)).join(", ") || "nothing"} not convertible at an ECB rate.`
      : "",
  );
  const filter = document.querySelector("#facet-form select[name=partner]");
  filter.replaceChildren(el("option", { value: "" }, "any"), ...[...state.partners, "UKR"].map((p) => el("option", { value: p }, p)));
  const danish = await api("/api/danish-model");
  const dcols = [
    { label: "Year", value: (y) => y.year },
    { label: "EUR", value: (y) => fmtMoney(y.eur), csv: (y) => y.eur, cls: "num" },
    { label: "USD", value: (y) => fmtMoney(y.usd), csv: (y) => y.usd, cls: "num" },
    { label: "Entries", value: (y) => y.entries },
    { label: "Goal USD", value: (y) => (y.goal_key ? figureButton(fmtMoney(y.goal_usd), () => showEntry(y.goal_key)) : fmtMoney(y.goal_usd)), csv: (y) => y.goal_usd },
    { label: "% of goal", value: (y) => fmtPct(y.goal_pct, 1), csv: (y) => y.goal_pct },
  ];
  fill("danish-table", table("Danish model money per year", dcols, danish, "coprod-danish-model.csv"));
}

function pairs(mapping) {
  return Object.entries(mapping || {})
    .map(([name, value]) => `${name}: ${fmtMoney(value)}`)
    .join("; ");
}

// A horizontal bar per partner: its share of GDP, against the goal line.
function chart(partners, goal) {
  const width = 760;
  const left = 70;
  const right = 90;
  const bar = 22;
  const top = 28;
  const height = top + partners.length * (bar + 8) + 30;
  const max = Math.max(goal * 1.25, ...partners.map((p) => p.gdp_share_pct || 0)) || 1;
  const x = (v) => left + ((width - left - right) * v) / max;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-labelledby": "chart-title chart-desc", class: "bars" });
  root.append(svg("title", { id: "chart-title" }, "Share of GDP per partner"));
  root.append(svg("desc", { id: "chart-desc" }, `Each bar is one year's money against that year's GDP; the line marks ${goal}%.`));
  partners.forEach((p, i) => {
    const y = top + i * (bar + 8);
    const share = p.gdp_share_pct;
    const group = svg("g", { class: "bar", tabindex: 0, role: "button", "data-partner": p.partner, "aria-label": `${p.partner}: ${share === null ? "no GDP share" : fmtPct(share)}` });
    group.append(svg("title", {}, `${p.partner}: ${share === null ? "no GDP share" : fmtPct(share)}`));
    group.append(svg("text", { x: left - 8, y: y + bar * 0.7, "text-anchor": "end", class: "label" }, p.partner));
    group.append(svg("rect", { x: left, y, width: Math.max(share ? x(share) - left : 0, 1), height: bar, class: p.conflicts ? "fill conflicted" : "fill" }));
    group.append(svg("text", { x: x(share || 0) + 6, y: y + bar * 0.7, class: "value" }, share === null ? "no GDP share" : fmtPct(share)));
    group.addEventListener("click", () => openPartner(p.partner));
    group.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        openPartner(p.partner);
      }
    });
    root.append(group);
  });
  const gx = x(goal);
  root.append(svg("line", { x1: gx, x2: gx, y1: top - 8, y2: height - 24, class: "goal" }));
  root.append(svg("text", { x: gx, y: top - 12, "text-anchor": "middle", class: "goal-label" }, `${goal}% of GDP goal`));
  root.append(svg("text", { x: left, y: height - 6, class: "axis" }, "0%"));
  root.append(svg("text", { x: x(max), y: height - 6, "text-anchor": "end", class: "axis" }, fmtPct(max, 2)));
  return [root, el("figcaption", {}, `Share of GDP by partner, against the ${goal}% line; orange bars have conflicting reports to review. Click a bar or a partner for its entries.`)];
}

async function openPartner(code) {
  show("partner");
  fill("h-partner", `Partner ${code}`);
  fill("partner-hint", "Each ledger entry once, with its figure, status and any conflicting reports. Click a figure for its evidence.");
  const current = ticket("partner");
  const page = await guarded(() => api(`/api/entries?${query({ partner: code, limit: 500 })}`));
  if (!page || !current()) return;
  const columns = [
    { label: "Date", value: (e) => e.date || e.first_reported || "", cls: "date" },
    { label: "Type", value: (e) => e.type },
    { label: "Figure", value: (e) => figureButton(figureOf(e), () => showEntry(e.key)), csv: (e) => figureOf(e), cls: "fig" },
    { label: "EUR", value: (e) => fmtMoney(e.eur), csv: (e) => e.eur, cls: "num" },
    { label: "Mechanism", value: (e) => e.mechanism || e.kind || "" },
    { label: "Status", value: (e) => e.status || e.stage || "" },
    { label: "Counted", value: (e) => (e.counted ? "yes" : e.superseded_by ? "inside a total" : "no") },
    { label: "Conflict", value: (e) => (e.conflict ? el("strong", { class: "conflict" }, conflictText(e.conflict)) : ""), csv: (e) => conflictText(e.conflict) },
    { label: "Reports", value: (e) => e.n_documents },
  ];
  fill("partner-table", table(`Entries naming ${code} (${page.total})`, columns, page.items, `coprod-${code}-entries.csv`));
}

function conflictText(conflict) {
  if (!conflict) return "";
  return typeof conflict === "string" ? conflict : JSON.stringify(conflict);
}

async function loadTimeline() {
  const steps = await api("/api/timeline");
  const columns = [
    { label: "Date", value: (s) => s.date, cls: "date" },
    { label: "Partners", value: (s) => codes(s.partners) },
    { label: "Type", value: (s) => s.type },
    { label: "Step", value: (s) => figureButton(s.label, () => showEntry(s.entry_key, s.evidence)), csv: (s) => s.label },
    { label: "Source", value: (s) => sourceLink(s.url, hostOf(s.url)), csv: (s) => s.url },
  ];
  fill("timeline-table", table("Dated steps of every entry", columns, steps, "coprod-timeline.csv"));
}

async function loadPipeline() {
  const [cells, agreements] = await Promise.all([api("/api/pipeline"), api("/api/entries?type=agreement&limit=500")]);
  const byKey = new Map(agreements.items.map((e) => [e.key, e]));
  const stages = [...new Set([...STAGES, ...cells.map((c) => c.stage)])];
  const hosts = [...new Set(cells.map((c) => c.host))].sort();
  const name = (key) => {
    const e = byKey.get(key);
    return e ? [codes(e.parties), codes(e.companies)].filter(Boolean).join(" · ") || key.slice(0, 8) : key.slice(0, 8);
  };
  const cellOf = (stage, host) => cells.find((c) => c.stage === stage && c.host === host);
  const columns = [
    { label: "Stage", value: (stage) => stage },
    ...hosts.map((host) => ({
      label: host,
      value: (stage) => {
        const cell = cellOf(stage, host);
        return cell ? el("div", { class: "cell" }, cell.entries.map((k) => figureButton(name(k), () => showEntry(k)))) : "";
      },
      csv: (stage) => {
        const cell = cellOf(stage, host);
        return cell ? cell.entries.map(name).join("; ") : "";
      },
    })),
  ];
  fill("pipeline-table", table("Co-production agreements by stage (rows) and host country (columns)", columns, stages, "coprod-pipeline.csv"));
}

// ---- facts: facets, search, paging --------------------------------------------------

async function loadFacts() {
  const f = state.facts;
  const current = ticket("facts");
  const page = await api(`/api/facts?${query({ ...f.filters, limit: PAGE, offset: f.offset })}`);
  if (!current()) return;
  // A count stops at 1,000 (total_exact false): "1000+", and paging goes on while pages are full.
  const more = page.total_exact === false;
  const shown = more ? `${page.total}+` : `${page.total}`;
  f.total = more ? Number.MAX_SAFE_INTEGER : page.total;
  const columns = [
    { label: "Id", value: (x) => x.id },
    { label: "Date", value: (x) => x.date || x.document_date || "", cls: "date" },
    { label: "Type", value: (x) => x.type },
    { label: "Funder / parties", value: (x) => codes(x.funder || x.parties) },
        { label: "Figure", value: (x) => figureButton(figureOf(x), () => showFact(x.id), null, x.id), csv: (x) => figureOf(x), cls: "fig" },
    { label: "Mechanism", value: (x) => x.mechanism || "" },
    { label: "Status", value: (x) => x.status || x.stage || "" },
    { label: "Evidence", value: (x) => x.evidence, cls: "text" },
    { label: "Source", value: (x) => sourceLink(x.document_url, x.document_outlet), csv: (x) => x.document_url },
  ];
  fill("facts-table", table(`Facts (${shown} match)`, columns, page.items, "coprod-facts.csv"));
  const last = f.offset + page.items.length;
  fill("facts-range", page.items.length ? `${f.offset + 1}–${last} of ${shown}` : "no facts match");
  document.getElementById("facts-prev").disabled = f.offset === 0;
  document.getElementById("facts-next").disabled = more ? page.items.length < PAGE : last >= page.total;
}

function searchFacts(event) {
  event.preventDefault();
  const data = new FormData(event.target);
  state.facts.filters = Object.fromEntries([...data.entries()].filter(([, v]) => v !== ""));
  state.facts.offset = 0;
  guarded(loadFacts);
}

function pageFacts(step) {
  const f = state.facts;
  f.offset = Math.max(0, Math.min(f.offset + step * PAGE, Math.max(0, f.total - 1)));
  guarded(loadFacts);
}

async function loadDecisions() {
  const log = await api("/api/decisions");
  const columns = [
    { label: "#", value: (d) => d.id },
    { label: "When", value: (d) => d.at || "" },
    { label: "Who", value: (d) => d.by },
    { label: "Action", value: (d) => d.action },
    { label: "Why", value: (d) => d.why },
    { label: "Fields", value: (d) => (d.fields ? JSON.stringify(d.fields) : "") },
    { label: "Facts", value: (d) => (d.fact_keys || []).map((k) => k.slice(0, 12)).join(", "), csv: (d) => (d.fact_keys || []).join(" ") },
  ];
  fill("decisions-table", table("Decisions, oldest first", columns, log, "coprod-decisions.csv"));
}

// ---- evidence: an entry's reports, a fact's sentence in its document ----------------

async function showEntry(key, sentence) {
  const current = ticket("entry");
  const found = await guarded(() => api(`/api/entries/${encodeURIComponent(key)}`));
  if (!found || !current()) return;
  const reports = found.evidence || [];
  const pick = reports.find((r) => sentence && r.evidence === sentence) || reports.find((r) => r.fact_key === found.representative) || reports[0];
  const items = reports.map((r) =>
    el(
      "li",
      {},
      figureButton(`${figureOf(r)} — ${r.document_outlet || r.document_id || "source"}, ${r.document_date || "undated"}`, () => showFact(r.id), "Show this report in its document", r.id),
      el("span", { class: "muted" }, ` ${r.reason || ""}`),
    ),
  );
  fill(
    "evidence-reports",
    el("h3", {}, `Entry: ${figureOf(found)} (${found.type})`),
    found.conflict ? el("p", { class: "conflict" }, `Conflicting reports: ${conflictText(found.conflict)}`) : null,
    el("p", { class: "muted" }, `${reports.length} report(s); first ${found.first_reported || "?"}, last ${found.last_reported || "?"}.`),
    el("ol", { class: "reports" }, items),
  );
  if (pick) await showFact(pick.id);
}

async function showFact(id) {
  const current = ticket("fact");
  const loaded = await guarded(() => request(`/api/facts/${encodeURIComponent(id)}`));
  if (!loaded || !current()) return;
  const fact = loaded.body;
  state.fact = { id: fact.id, etag: loaded.response.headers.get("ETag") };
  fill("evidence-hint");
  fill(
    "evidence-fact",
    el("h3", {}, `Fact ${fact.id}: ${figureOf(fact)}`),
    el("blockquote", { class: "sentence" }, fact.evidence),
    el(
      "details",
      {},
      el("summary", {}, "Fields"),
      el(
        "dl",
      { class: "fields" },
      [
        ["Type", fact.type],
        ["Funder", codes(fact.funder)],
        ["Parties", codes(fact.parties)],
        ["Status", fact.status || fact.stage],
        ["Mechanism", fact.mechanism],
        ["Confidence", fact.confidence],
        ["Extractor", fact.extractor],
        ["Notes", codes(fact.notes)],
      ]
        .filter(([, v]) => v !== null && v !== undefined && v !== "")
        .map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]),
      ),
    ),
  );
  document.getElementById("review").hidden = false;
  fill("review-result").className = "";
  const amount = document.getElementById("review-amount");
  amount.value = fact.amount ?? "";
  amount.disabled = fact.amount === null || fact.amount === undefined;
  await showDocument(fact, current);
}

// The document's text in three text nodes around one <mark>: offsets count Unicode
// code points (Python's), so the text is cut as code points, not UTF-16 units.
async function showDocument(fact, current) {
  const doc = await guarded(() => api(`/api/documents/${encodeURIComponent(fact.document_sha)}`));
  if (!doc || !current()) return;
  document.getElementById("h-document").hidden = false;
  fill("document-meta", el("strong", {}, doc.title || "(untitled)"), ` — ${doc.outlet || ""}, ${doc.date || "undated"} `, sourceLink(doc.url, "source"));
  const chars = Array.from(doc.text || "");
  const start = Math.max(0, Math.min(fact.start, chars.length));
  const end = Math.max(start, Math.min(fact.end, chars.length));
  const mark = el("mark", { id: "evidence-mark" }, chars.slice(start, end).join(""));
  const box = fill("document", chars.slice(0, start).join(""), mark, chars.slice(end).join(""));
  box.dataset.factId = String(fact.id);
  box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
  box.scrollIntoView({ block: "nearest" });
}

// ---- review: an editor's token, the fact's ETag, 401/403/412 shown plainly -----------

async function review(action) {
  const result = document.getElementById("review-result");
  const current = state.fact;
  if (!current) return;
  const token = sessionStorage.getItem(TOKEN_KEY) || "";
  const body = { action, why: document.getElementById("review-why").value || action };
  if (action === "correct") {
    const value = document.getElementById("review-amount").value;
    if (value === "") {
      result.textContent = "Enter the corrected amount first.";
      return;
    }
    body.fields = { amount: Number(value) };
  }
  const headers = { "Content-Type": "application/json", "If-Match": current.etag || "" };
  if (token) headers.Authorization = `Bearer ${token}`;
  result.className = "";
  try {
    const { body: done } = await request(`/api/facts/${current.id}/review`, { method: "POST", headers, body: JSON.stringify(body) });
    current.etag = done.etag;
    result.className = "ok";
    result.textContent = `Done: ${done.decision.action} of fact ${current.id} by ${done.decision.by} (decision #${done.decision.id}).`;
    guarded(loadScoreboard);
  } catch (error) {
    result.className = "error";
    const message = error instanceof ApiError ? error.describe() : `Could not send: ${error.message}`;
    result.replaceChildren(el("span", {}, message));
    if (error.status === 412) result.append(" ", el("button", { type: "button", onclick: () => showFact(current.id) }, "Reload the fact"));
    if (error.status === 401 && !token) result.append(" Enter an editor token above.");
  }
  result.scrollIntoView({ block: "nearest" });
}

function tokenState() {
  const saved = sessionStorage.getItem(TOKEN_KEY);
  document.getElementById("token-state").textContent = saved ? "Token saved for this tab." : "No token: reading only.";
}

// ---- start ----------------------------------------------------------------------------

function start() {
  for (const button of document.querySelectorAll("nav.tabs button")) button.addEventListener("click", () => show(button.dataset.view));
  document.getElementById("facet-form").addEventListener("submit", searchFacts);
  document.getElementById("facet-form").addEventListener("reset", () => {
    state.facts.filters = {};
    state.facts.offset = 0;
    setTimeout(() => guarded(loadFacts), 0);
  });
  document.getElementById("facts-prev").addEventListener("click", () => pageFacts(-1));
  document.getElementById("facts-next").addEventListener("click", () => pageFacts(1));
  for (const button of document.querySelectorAll("#review-form button[data-action]")) {
    button.addEventListener("click", () => review(button.dataset.action));
  }
  document.getElementById("review-form").addEventListener("submit", (event) => event.preventDefault());
  document.getElementById("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("token");
    if (input.value.trim()) sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = "";
    tokenState();
  });
  document.getElementById("token-clear").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    tokenState();
  });
  tokenState();
  guarded(loadScoreboard).then(() => document.body.setAttribute("data-ready", "scoreboard"));
}

document.addEventListener("DOMContentLoaded", start);
