"use strict";
// The preview page: reads /state whenever the event stream says it changed, and draws it. Everything from the
// sheet is put on the page as text (textContent), never as HTML: a campaign's content cannot run script here.
const token = document.body.dataset.token;
const withToken = (path) => path + (path.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(token);
const byId = (id) => document.getElementById(id);
let chosenKey = null;
let loading = false;
let again = false;

function element(tag, properties = {}, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === "class") made.className = value;
    else if (name === "text") made.textContent = value;
    else if (name.startsWith("on")) made.addEventListener(name.slice(2), value);
    else made.setAttribute(name, value);
  }
  for (const child of children) if (child) made.append(child);
  return made;
}

async function refresh() {
  if (loading) { again = true; return; }
  loading = true;
  try {
    const response = await fetch(withToken("/state"));
    if (response.ok) draw(await response.json());
  } catch (error) {
    byId("status").textContent = "The preview stopped: start it again with factsheet preview.";
    document.body.classList.add("disconnected");
  } finally {
    loading = false;
    if (again) { again = false; refresh(); }
  }
}

function drawChoices(state) {
  const form = byId("choices");
  for (const [name, options] of Object.entries(state.choices)) {
    const select = form.elements[name];
    const values = name === "language" ? ["", ...options] : options;
    const wanted = values.join("\n");
    if (select.dataset.options !== wanted) {
      select.replaceChildren(...values.map((value) =>
        element("option", { value, text: value === "" ? "as written" : value })));
      select.dataset.options = wanted;
    }
    select.value = state.settings[name] ?? "";
  }
}

function drawStatus(state) {
  const status = byId("status");
  document.body.classList.toggle("stale", !state.fresh && state.pages.length > 0);
  document.body.classList.toggle("building", state.building);
  byId("stale-note").hidden = state.fresh || state.pages.length === 0;
  if (state.building) status.textContent = "Building…";
  else if (state.fresh) status.textContent = `Up to date: built in ${state.seconds.toFixed(1)} s`;
  else status.textContent = "Out of date: see the problems";
  status.dataset.state = state.building ? "building" : state.fresh ? "fresh" : "stale";
  const download = byId("download");
  download.hidden = !state.pdf;
  if (state.pdf) {
    download.href = withToken(state.pdf);
    download.setAttribute("download", state.pdf_name);
    download.textContent = state.fresh ? "Download PDF" : "Download the last good PDF";
  }
}

function drawPages(state) {
  const list = byId("page-list");
  const urls = state.pages.map((page) => page.url).join("\n");
  if (list.dataset.urls === urls) return;
  list.dataset.urls = urls;
  list.replaceChildren(...state.pages.map((page, index) => element("figure", { class: "page" },
    element("img", { src: withToken(page.url), width: page.width, height: page.height,
                     alt: `Page ${index + 1} of ${state.pages.length}` }),
    element("figcaption", { text: `page ${index + 1}` }))));
}

function drawProblem(problem) {
  const item = element("li", { class: problem.severity });
  item.append(element("p", { class: "where", text: `${problem.where}: ${problem.severity}` }));
  item.append(element("p", { class: "message", text: problem.message }));
  if (problem.hint) item.append(element("p", { class: "fix", text: `fix: ${problem.hint}` }));
  for (const detail of problem.details) item.append(element("p", { class: "detail", text: detail }));
  if (problem.context.length) {
    item.append(element("pre", { class: "context" }, ...problem.context.map(([line, text]) =>
      element("span", { class: line === problem.line ? "line here" : "line", text: `${String(line).padStart(4)} │ ${text}\n` }))));
  }
  return item;
}

function drawProblems(state) {
  byId("summary").textContent = state.summary;
  const errors = state.problems.filter((problem) => problem.severity === "error");
  const warnings = state.problems.filter((problem) => problem.severity !== "error");
  byId("problems").replaceChildren(...errors.map(drawProblem));
  const folded = byId("warnings");
  folded.hidden = warnings.length === 0;
  byId("warnings-count").textContent = `${warnings.length} warning(s): printed anyway, worth fixing before the print run`;
  byId("warning-list").replaceChildren(...warnings.map(drawProblem));
}

function drawItems(state) {
  const marks = { verified: "✓", warning: "!", error: "✗" };
  byId("items").replaceChildren(...state.items.map((item) => {
    const button = element("button", { type: "button", class: `item ${item.verdict}`, "data-key": item.key,
                                       onclick: () => choose(item.key) },
      element("span", { class: "verdict", text: marks[item.verdict], title: item.verdict }),
      element("span", { class: "label", text: item.label }));
    if (item.key === chosenKey) button.classList.add("chosen");
    const entry = element("li", {}, button);
    for (const message of item.messages) entry.append(element("p", { class: "item-message", text: message }));
    return entry;
  }));
  if (chosenKey && state.items.some((item) => item.key === chosenKey)) choose(chosenKey);
}

async function choose(key) {
  chosenKey = key;
  for (const button of document.querySelectorAll("#items button")) {
    button.classList.toggle("chosen", button.dataset.key === key);
  }
  const response = await fetch(withToken("/item?key=" + encodeURIComponent(key)));
  if (!response.ok) return;
  const found = await response.json();
  const body = byId("evidence-body");
  const parts = [];
  if (!found.evidence.length) parts.push(element("p", { text: "This item cites no excerpt to show." }));
  for (const evidence of found.evidence) {
    const where = evidence.line ? `${evidence.file}, line ${evidence.line}` : evidence.file;
    parts.push(element("p", { class: "source", text: `${evidence.source_title} (${where})` }));
    if (!evidence.segments.length) {
      parts.push(element("p", { class: "missing", text: "These words are not in this source: see the problem above." }));
      continue;
    }
    const passage = element("blockquote", { class: "passage" });
    for (const segment of evidence.segments) {
      const tag = segment.kind === "match" ? "mark" : segment.kind === "cut" ? "del" : "span";
      passage.append(element(tag, { text: segment.text }));
    }
    parts.push(passage);
  }
  for (const change of found.changes) parts.push(drawChange(change));
  body.replaceChildren(...parts);
  const section = byId("evidence");
  const chosen = document.querySelector(`#items button[data-key="${CSS.escape(key)}"]`);
  if (chosen) chosen.parentElement.append(section);
  section.hidden = false;
}

function drawChange(change) {
  const box = element("div", { class: "change" },
    element("p", { text: `Change: ${change.change}` }),
    element("p", { class: "struck", text: `Source passage: ${change.struck}` }));
  if (change.approved_by) {
    const waiting = change.signed ? "" : ` (${change.needed} different people must approve it)`;
    box.append(element("p", { class: "signed", text: `Signed off by ${change.approved_by}${waiting}` }));
    if (change.signed) return box;
  }
  const name = element("input", { type: "text", name: "by", placeholder: "Your name", "aria-label": "Your name" });
  const result = element("p", { class: "result", role: "status" });
  const form = element("form", { class: "approve" }, name,
    element("button", { type: "submit", text: "Approve: it keeps the speaker's meaning" }), result);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(withToken("/approve"), {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: change.identifier, by: name.value }),
    });
    const answer = await response.json();
    result.textContent = response.ok ? `Recorded in ${answer.recorded}` : answer.error;
  });
  box.append(form);
  return box;
}

function draw(state) {
  byId("sheet").textContent = state.sheet;
  drawChoices(state);
  drawStatus(state);
  drawPages(state);
  drawProblems(state);
  drawItems(state);
}

byId("choices").addEventListener("change", async (event) => {
  const name = event.target.name;
  const value = event.target.value === "" && name === "language" ? null : event.target.value;
  await fetch(withToken("/choose"), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ [name]: value }),
  });
});

const events = new EventSource(withToken("/events"));
events.onmessage = refresh;
events.onerror = () => { byId("status").textContent = "Reconnecting…"; };
refresh();
