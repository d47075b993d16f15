// The emulator's console: it reads the state from the control API and acts
// through it. Text from the emulator is only ever set as text, never as
// HTML.
"use strict";

const api = "/_iot1click/";
const pageSize = 100;
let offset = 0;
let lastEvent = 0;
let first = true;

function $(sel) { return document.querySelector(sel); }

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const c of cells) {
    if (c instanceof Node && (c.tagName === "TD" || c.tagName === "TH")) {
      tr.appendChild(c);
    } else if (c instanceof Node) {
      const td = el("td");
      td.appendChild(c);
      tr.appendChild(td);
    } else {
      tr.appendChild(el("td", c));
    }
  }
  return tr;
}

function showError(msg) {
  const e = $("#error");
  e.textContent = msg || "";
  e.hidden = !msg;
}

async function call(method, path, body) {
  const opts = { method, headers: {}, credentials: "same-origin" };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const resp = await fetch(api + path, opts);
  const text = await resp.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = { message: text }; }
  if (!resp.ok) throw new Error((data && data.message) || resp.statusText);
  return data;
}

function fmtTime(t) {
  const d = new Date(t);
  return isNaN(d) ? String(t) : d.toLocaleTimeString();
}

function fmtLatency(ns) {
  if (!ns) return "";
  return (ns / 1e6).toFixed(1) + " ms";
}

async function press(id, type) {
  try {
    await call("POST", "click", { deviceId: id, clickType: type });
    showError("");
    await Promise.all([refreshFeed(), refreshState()]);
  } catch (e) { showError("Click of " + id + ": " + e.message); }
}

function renderDevices(st) {
  const body = $("#devices tbody");
  body.replaceChildren();
  for (const d of st.devices) {
    const buttons = el("span");
    for (const t of ["SINGLE", "DOUBLE", "LONG"]) {
      const b = el("button", t[0] + t.slice(1).toLowerCase());
      b.dataset.click = t;
      b.title = t + " press of " + d.deviceId;
      b.addEventListener("click", () => press(d.deviceId, t));
      buttons.appendChild(b);
    }
    const place = d.placement ? d.project + " / " + d.placement + " (" + d.template + ")" : "";
    const tr = row([el("td", d.deviceId, "id"), d.type, d.state || "never claimed", d.accountId || "",
      d.enabled ? "yes" : "no", el("td", d.remainingLife.toFixed(1) + " %", "num"), place,
      el("td", d.events, "num"), buttons]);
    tr.dataset.device = d.deviceId;
    body.appendChild(tr);
  }
  const last = Math.min(st.offset + st.devices.length, st.total);
  $("#device-count").textContent = st.total ? "(" + (st.offset + 1) + "–" + last + " of " + st.total + ")" : "(none)";
  $("#prev-page").disabled = st.offset === 0;
  $("#next-page").disabled = last >= st.total;
}

function renderProjects(st) {
  const box = $("#projects");
  box.replaceChildren();
  if (!st.projects || st.projects.length === 0) {
    box.appendChild(el("p", "No projects. Create them with the Projects API (CreateProject, CreatePlacement, AssociateDeviceWithPlacement)."));
    return;
  }
  for (const p of st.projects) {
    const div = el("div", null, "project");
    div.dataset.project = p.projectName;
    div.appendChild(el("h3", p.projectName + (p.description ? " — " + p.description : "")));
    const tmpl = el("ul");
    for (const [name, t] of Object.entries(p.deviceTemplates || {})) {
      const cb = (t.callbackOverrides || {}).onClickCallback;
      tmpl.appendChild(el("li", "template " + name + " (" + (t.deviceType || "any type") + "): " + (cb ? "clicks go to " + cb : "no onClickCallback")));
    }
    div.appendChild(tmpl);
    const table = el("table");
    table.appendChild(row(["Placement", "Attributes", "Devices"].map((h) => el("th", h))));
    for (const pl of p.placements || []) {
      const attrs = Object.entries(pl.attributes || {}).map(([k, v]) => k + "=" + v).join(", ");
      const devs = Object.entries(pl.devices || {}).map(([k, v]) => k + ": " + v).join(", ");
      const tr = row([pl.placementName, attrs, devs]);
      tr.dataset.placement = pl.placementName;
      table.appendChild(tr);
    }
    div.appendChild(table);
    box.appendChild(div);
  }
}

function renderCodes(st) {
  const body = $("#claim-codes tbody");
  body.replaceChildren();
  for (const c of st.claimCodes) {
    body.appendChild(row([el("td", c.code, "id"), (c.deviceIds || []).join(", "), c.accountId || "not claimed"]));
  }
}

function describeFault(f) {
  const parts = [];
  if (f.throttle) parts.push("throttle");
  if (f.dropConnection) parts.push("drop connection");
  if (f.statusCode) parts.push("status " + f.statusCode);
  if (f.code) parts.push(f.code);
  if (f.latency) parts.push("latency " + fmtLatency(f.latency));
  if (f.duplicatePageToken) parts.push("duplicate page token");
  if (f.times) parts.push(f.times + " times");
  if (f.probability) parts.push("probability " + f.probability);
  return parts.join(", ") || "500 InternalFailureException";
}

function renderFaults(st) {
  const body = $("#faults tbody");
  body.replaceChildren();
  for (const f of st.faults) body.appendChild(row([f.operation, describeFault(f.fault), el("td", f.hits, "num")]));
  const sel = $("#add-fault select");
  if (sel.options.length === 0) {
    for (const op of st.operations) sel.appendChild(el("option", op === "*" ? "* (every operation)" : op)).value = op;
  }
}

async function refreshState() {
  const q = encodeURIComponent($("#device-prefix").value.trim());
  const st = await call("GET", "console/state?offset=" + offset + "&limit=" + pageSize + "&q=" + q);
  $("#about").textContent = "Version " + st.version + " · region " + st.region + " · account " + st.accountId +
    " · state " + (st.persistent ? "kept in its state file" : "in memory");
  renderDevices(st);
  renderProjects(st);
  renderCodes(st);
  renderFaults(st);
}

async function refreshFeed() {
  const f = await call("GET", "console/feed?after=" + lastEvent);
  const list = $("#feed");
  for (const li of list.querySelectorAll("li.new")) li.classList.remove("new");
  for (const e of f.events) {
    const where = e.placement ? " in " + e.project + "/" + e.placement : "";
    const li = el("li", fmtTime(e.time) + "  " + e.clickType + "  " + e.deviceId + where);
    li.dataset.device = e.deviceId;
    li.dataset.click = e.clickType;
    if (!first) li.className = "new";
    list.insertBefore(li, list.firstChild);
  }
  while (list.children.length > 200) list.removeChild(list.lastChild);
  lastEvent = f.last;
  first = false;
  const body = $("#deliveries tbody");
  body.replaceChildren();
  for (const d of (f.deliveries || []).slice().reverse()) {
    const status = d.error ? el("td", d.error, "fail") : el("td", "delivered to " + (d.target || ""), "ok");
    body.appendChild(row([fmtTime(d.time), el("td", d.deviceId, "id"), d.clickType, d.functionArn || "", status, el("td", fmtLatency(d.duration), "num")]));
  }
}

async function tick() {
  try {
    await refreshFeed();
    showError("");
  } catch (e) { showError("The emulator does not answer: " + e.message); }
}

document.addEventListener("DOMContentLoaded", () => {
  $("#device-search").addEventListener("submit", (ev) => { ev.preventDefault(); offset = 0; refreshState().catch((e) => showError(e.message)); });
  $("#device-prefix").addEventListener("input", () => { offset = 0; refreshState().catch((e) => showError(e.message)); });
  $("#prev-page").addEventListener("click", () => { offset = Math.max(0, offset - pageSize); refreshState().catch((e) => showError(e.message)); });
  $("#next-page").addEventListener("click", () => { offset += pageSize; refreshState().catch((e) => showError(e.message)); });
  $("#add-code").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const ids = form.devices.value.split(",").map((s) => s.trim()).filter((s) => s);
    try {
      await call("POST", "claim-codes", { claimCode: form.code.value.trim(), deviceIds: ids });
      form.reset();
      await refreshState();
    } catch (e) { showError("Claim code: " + e.message); }
  });
  $("#add-fault").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const form = ev.target;
    const f = { operation: form.operation.value, throttle: form.throttle.checked, dropConnection: form.dropConnection.checked };
    if (form.statusCode.value) f.statusCode = Number(form.statusCode.value);
    if (form.latency.value.trim()) f.latency = form.latency.value.trim();
    if (form.times.value) f.times = Number(form.times.value);
    try {
      await call("POST", "faults", f);
      await refreshState();
    } catch (e) { showError("Fault: " + e.message); }
  });
  $("#clear-faults").addEventListener("click", async () => {
    try {
      await call("DELETE", "faults", {});
      await refreshState();
    } catch (e) { showError("Faults: " + e.message); }
  });
  refreshState().catch((e) => showError(e.message));
  tick();
  setInterval(tick, 1000);
  setInterval(() => refreshState().catch(() => {}), 3000);
});
