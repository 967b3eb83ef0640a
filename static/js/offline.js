// Logging with no connection (the log page and the offline page): "Log it" keeps the
// entry on this device (outbox.js) and shows it as waiting; it is sent when Almost can be
// reached again. Also the service worker and its update notice, and a question before
// logging out while entries wait. Without a secure context there is none of this.
(function () {
  "use strict";
  if (!window.isSecureContext || !("serviceWorker" in navigator) || !window.indexedDB) return;
  const body = document.body;
  const offlinePage = body.hasAttribute("data-offline");
  const account = body.dataset.account;  // signed-in pages only
  const say = window.Almost.say;
  Outbox.url = body.dataset.outbox;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Whose journal this device logs for, and in which time zone "now" is.
  async function owner() {
    if (account) return {id: account, zone: body.dataset.zone};
    return (await Outbox.meta("account")) || null;
  }

  // Now, as a datetime-local field wants it, on the account's clock.
  function now(zone) {
    const parts = {};
    const options = {year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"};
    let format;
    try {
      format = new Intl.DateTimeFormat("en-CA", {...options, timeZone: zone});
    } catch (error) {  // a zone this browser doesn't know: the device's own
      format = new Intl.DateTimeFormat("en-CA", options);
    }
    format.formatToParts(new Date()).forEach((part) => { parts[part.type] = part.value; });
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  }

  // Logging ----------------------------------------------------------------------------

  // The same three checks the server makes first, so nothing is kept that can't be sent.
  function problems(data) {
    const found = [];
    if (!data.get("person") && !(data.get("new_person") || "").trim()) found.push("Pick someone, or type a name.");
    if (!data.get("occurred_at")) found.push("Say when it happened.");
    if (!data.get("feeling")) found.push("Say how it felt, from -3 to +3.");
    return found;
  }

  function showProblems(form, found) {
    const box = el("div", "form-errors");
    box.setAttribute("role", "alert");
    box.tabIndex = -1;
    box.append(el("p", "", "Not kept yet: " + found.join(" ")));
    form.querySelectorAll(".form-errors").forEach((old) => old.remove());
    form.querySelector(".entry-fields").prepend(box);
    box.focus();
  }

  async function keep(form) {
    const data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    const found = problems(data);
    if (found.length) return showProblems(form, found);
    const who = (data.get("new_person") || "").trim() || form.elements.person.selectedOptions[0].textContent;
    const me = await owner();
    if (!me) return;  // logged out: the offline page has its form switched off
    if (!data.get("token")) data.set("token", crypto.randomUUID());
    try {
      await Outbox.put({token: data.get("token"), account: me.id, queued: Date.now(), who, fields: [...data.entries()]});
    } catch (error) {  // storage full or refused: the form keeps it all
      return say("This device wouldn't keep your entry. Nothing you typed is lost: log it again once you're back online.", "error");
    }
    sentHere = 0;
    form.reset();
    form.querySelectorAll(".form-errors").forEach((old) => old.remove());
    form.elements.token.value = crypto.randomUUID();
    form.elements.occurred_at.value = now(me.zone);
    document.getElementById("hint").replaceChildren();
    form.elements.text.focus();
    say(`Kept on this device: your entry with ${who} is sent once Almost can be reached.`, "success");
    render();
    navigator.serviceWorker.ready.then((registration) => registration.sync && registration.sync.register(Outbox.TAG)).catch(() => {});
  }

  // Offline, no request starts: "Log it" keeps the entry, anything else says why not.
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (navigator.onLine) return;
    event.preventDefault();
    const elt = event.detail.elt;
    if (elt.id === "entry-form") keep(elt);
    else if (elt.id !== "hint") say("You're offline: this needs a connection. You can still log an entry.", "error");
  });
  // Online, but the request fell through (it may have arrived: its token makes sending
  // it again safe). htmx has put the form back as it was.
  document.addEventListener("htmx:sendError", (event) => {
    if (event.detail.elt.id === "entry-form") keep(event.detail.elt);
  });
  // A waiting entry put back in the form and logged online is no longer waiting. (Before
  // the swap: afterwards the form is gone from the page, and its events with it.)
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.elt.id !== "entry-form" || event.detail.isError) return;
    if (!event.detail.xhr.responseText.includes('class="form-errors"')) {
      Outbox.remove(event.detail.requestConfig.formData.get("token")).then(() => render());
    }
  });
  document.addEventListener("submit", (event) => {
    if (offlinePage && event.target.id === "entry-form") {
      event.preventDefault();
      keep(event.target);
    }
  });

  // What waits -------------------------------------------------------------------------

  function card(entry, editable) {
    const fields = new Map(entry.fields);
    const item = el("li", "entry entry-waiting");
    const title = el("p", "entry-title");
    const feeling = Number(fields.get("feeling"));
    title.append(el("strong", "", entry.who), " ", el("span", "meta", `${(fields.get("occurred_at") || "").replace("T", " ")} · felt ${feeling > 0 ? "+" : ""}${feeling}`));
    item.append(title);
    item.append(entry.problem ? el("p", "entry-problem", "Not sent: " + entry.problem) : el("p", "entry-state", "Waiting to send"));
    if (fields.get("text")) item.append(el("p", "entry-text", fields.get("text")));
    const actions = el("div", "entry-actions");
    for (const [action, label] of editable ? [["edit", "Edit"], ["discard", "Discard"]] : [["discard", "Discard"]]) {
      const button = el("button", "link", label);
      button.type = "button";
      button.dataset.outbox = action;
      button.dataset.token = entry.token;
      button.append(el("span", "visually-hidden", ` the waiting entry with ${entry.who}`));
      actions.append(button);
    }
    item.append(actions);
    return item;
  }

  // What the tries to send have said: "log in again" holds until the next try; "sent"
  // adds up (a try by another tab or the worker, and then this page's own that finds
  // nothing left) until something new is kept.
  let loggedOut = false;
  let sentHere = 0;
  let shown = "";
  async function render(result) {
    const section = document.getElementById("outbox");
    if (!section) return;
    if (result) {
      loggedOut = !!result.loggedOut;
      sentHere += result.sent || 0;
    }
    // Only this account's own: another account's entries on a shared device show as a
    // count, never their names or words, and can't be put in this account's form.
    const me = await owner();
    const all = await Outbox.all();
    const entries = all.filter((entry) => me && entry.account === me.id);
    const others = document.getElementById("outbox-others");
    const otherCount = all.length - entries.length;
    others.hidden = !otherCount;
    others.querySelector("span").textContent = otherCount === 1
      ? "An entry logged offline by another account waits on this device. It is sent when that account logs in here."
      : `${otherCount} entries logged offline by another account wait on this device. They are sent when that account logs in here.`;
    // Drawn again only when something changed, so the focus stays on its button.
    const drawn = JSON.stringify(entries.map((entry) => [entry.token, entry.who, entry.problem, entry.fields]));
    if (drawn !== shown) {
      shown = drawn;
      document.getElementById("outbox-entries").replaceChildren(...entries.map((entry) => card(entry, !!document.getElementById("entry-form"))));
    }
    const login = document.getElementById("outbox-login");
    const sent = document.getElementById("outbox-sent");
    login.hidden = !(loggedOut && entries.length);
    sent.hidden = !(offlinePage && sentHere && !entries.length);
    section.hidden = !entries.length && login.hidden && sent.hidden && others.hidden;
  }

  // Put a waiting entry back in the form, as it was logged; logging it again replaces it.
  function edit(entry) {
    const form = document.getElementById("entry-form");
    const values = {};
    for (const [name, value] of entry.fields) (values[name] = values[name] || []).push(value);
    form.reset();
    for (const field of form.elements) {
      if (!field.name || field.name === "csrfmiddlewaretoken") continue;
      const given = values[field.name] || [];
      if (field.type === "radio" || field.type === "checkbox") field.checked = given.includes(field.value);
      else field.value = given[0] || "";
    }
    // Picked from a list that no longer has them (or the offline page, which has none):
    // their name, to find them again or add them anew.
    const picked = form.elements.person;
    if (!form.elements.new_person.value && (!picked || picked.value !== (values.person || [""])[0])) {
      if (picked) picked.value = "";
      form.elements.new_person.value = entry.who;
    }
    form.elements.text.focus();
    say(`Your entry with ${entry.who} is back in the form: change what you need, then log it.`, "success");
  }

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-outbox]");
    if (!button) return;
    const me = await owner();
    if (button.dataset.outbox === "discard-others") {
      if (!confirm("Discard the entries another account logged offline on this device? They haven't reached Almost, so they will be gone for good.")) return;
      for (const kept of await Outbox.all()) if (!me || kept.account !== me.id) await Outbox.remove(kept.token);
      say("Discarded the other account's waiting entries.", "success");
      return render();
    }
    const entry = (await Outbox.all()).find((kept) => kept.token === button.dataset.token && me && kept.account === me.id);
    if (!entry) return render();
    if (button.dataset.outbox === "edit") return edit(entry);
    if (!confirm(`Discard your entry with ${entry.who}? It hasn't reached Almost, so it will be gone for good.`)) return;
    await Outbox.remove(entry.token);
    say(`Discarded your entry with ${entry.who}.`, "success");
    render();
  });

  // Sending ----------------------------------------------------------------------------

  async function send() {
    if (!navigator.onLine) return render();
    arrived(await Outbox.send().catch(() => ({})));
  }

  // After a send, here or elsewhere (another tab, the service worker's background sync).
  function arrived(result) {
    render(result);
    if (!result.sent || offlinePage) return;
    say(result.sent === 1 ? "Sent the entry you logged offline." : `Sent the ${result.sent} entries you logged offline.`, "success");
    if (document.getElementById("timeline")) {
      htmx.ajax("GET", location.pathname + location.search, {target: "#timeline", swap: "outerHTML"});
    }
  }

  window.addEventListener("online", send);
  setInterval(() => { if (document.visibilityState === "visible") send(); }, 60000);
  if (Outbox.channel) {
    Outbox.channel.addEventListener("message", (event) => (event.data.sent ? arrived(event.data) : render()));
  }

  // Logging out deletes what waits on this device: ask first, after a last try to send.
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.hasAttribute("data-logout") || form.dataset.asked) return;
    event.preventDefault();
    if (!navigator.onLine) return say("You're offline: log out once Almost can be reached again.", "error");
    let left = 0;
    try {
      await Outbox.send();
      left = (await Outbox.all()).length;
    } catch (error) { /* nothing kept to lose */ }
    const these = left === 1 ? "1 entry you logged on this device hasn't reached Almost yet. Logging out deletes it" : `${left} entries you logged on this device haven't reached Almost yet. Logging out deletes them`;
    if (left && !confirm(`${these} from this device. Log out anyway?`)) {
      render();
      return say("You're still logged in, and your entries still wait on this device.", "success");
    }
    await Outbox.clear().catch(() => {});
    form.dataset.asked = "1";
    form.submit();
  });

  // The service worker, and a new version of it ------------------------------------------

  let reloading = false;
  function offerUpdate(worker) {
    if (document.getElementById("update-note")) return;
    const note = el("div", "message update-note", "A new version of Almost is ready. It starts the next time you open Almost, or now if you reload. ");
    note.id = "update-note";
    note.setAttribute("role", "status");
    const button = el("button", "link", "Reload now");
    button.type = "button";
    button.addEventListener("click", () => { reloading = true; worker.postMessage("take-over"); });
    note.append(button);
    document.getElementById("messages").before(note);
  }
  navigator.serviceWorker.addEventListener("controllerchange", () => { if (reloading) location.reload(); });

  async function watch() {
    const registration = account && navigator.onLine
      ? await navigator.serviceWorker.register(body.dataset.worker)
      : await navigator.serviceWorker.getRegistration();
    if (!registration) return;
    const waitFor = (worker) => worker.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offerUpdate(worker);
    });
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
    if (registration.installing) waitFor(registration.installing);
    registration.addEventListener("updatefound", () => waitFor(registration.installing));
  }

  // On opening ---------------------------------------------------------------------------

  (async () => {
    watch().catch(() => {});
    const me = await owner();
    if (account) await Outbox.setMeta("account", me);
    if (offlinePage) {
      const form = document.getElementById("entry-form");
      document.getElementById("offline-logged-out").hidden = !!me;
      form.querySelector(".entry-fields").disabled = !me;
      if (me) form.elements.occurred_at.value = now(me.zone);
    }
    await send();
  })();
})();
