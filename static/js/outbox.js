// The outbox: entries logged with no connection, kept on this device (IndexedDB) until
// Almost has stored them, then deleted here. Shared by the pages (offline.js) and the
// service worker (sw.js). Each entry keeps the log form's token, so an entry sent twice
// (its answer lost on the way) is still stored once.
//
// An entry: {token, account, queued (ms), who (the name shown), fields: [[name, value]],
// problem (why Almost refused it, until it is edited or discarded)}.
var Outbox = (function () {
  "use strict";
  const TAG = "almost-outbox";
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(TAG) : null;
  let opened = null;

  function open() {
    opened = opened || new Promise((resolve, reject) => {
      const request = indexedDB.open("almost", 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore("entries", {keyPath: "token"});
        request.result.createObjectStore("meta");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => { opened = null; reject(request.error); };
    });
    return opened;
  }

  // One transaction over `stores`; `work` gets them and may return a request whose result
  // the promise gives once everything is written.
  async function run(stores, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(stores, mode);
      const request = work(...stores.map((name) => tx.objectStore(name)));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }

  function changed() {
    if (channel) channel.postMessage("changed");
  }

  async function all() {
    const entries = await run(["entries"], "readonly", (store) => store.getAll());
    return entries.sort((a, b) => a.queued - b.queued);
  }

  async function put(entry) {
    await run(["entries"], "readwrite", (store) => store.put(entry));
    changed();
  }

  async function remove(token) {
    await run(["entries"], "readwrite", (store) => store.delete(token));
    changed();
  }

  // Everything this device keeps for Almost: what waits, and whose it is (at log-out).
  async function clear() {
    await run(["entries", "meta"], "readwrite", (entries, meta) => { entries.clear(); meta.clear(); });
    changed();
  }

  function meta(key) {
    return run(["meta"], "readonly", (store) => store.get(key));
  }

  function setMeta(key, value) {
    return run(["meta"], "readwrite", (store) => store.put(value, key));
  }

  // One sender at a time, across tabs and the service worker.
  function locked(work) {
    const locks = self.navigator && self.navigator.locks;
    return locks ? locks.request(TAG, work) : work();
  }

  // Send every entry that waits without a problem. Stops at the first sign that Almost
  // can't be reached, to try again later. Returns {sent, refused, left, loggedOut}.
  function send() {
    return locked(async () => {
      const waiting = (await all()).filter((entry) => !entry.problem);
      const result = {sent: 0, refused: 0, left: waiting.length, loggedOut: false};
      if (!waiting.length) return result;
      let answer;
      try {
        answer = await fetch(Outbox.url, {credentials: "same-origin", cache: "no-store"});
      } catch (error) {
        return result;  // no connection
      }
      result.loggedOut = answer.status === 401 || answer.status === 403;
      if (!answer.ok) return result;
      const session = await answer.json();
      for (const entry of waiting) {
        try {
          answer = await fetch(Outbox.url, {
            method: "POST",
            credentials: "same-origin",
            headers: {"X-CSRFToken": session.csrf},
            body: new URLSearchParams([...entry.fields, ["account", entry.account]]),
          });
        } catch (error) {
          break;  // the connection went again: the rest waits
        }
        if (answer.status === 201) {
          await remove(entry.token);
          result.sent++;
        } else if (answer.status === 400 || answer.status === 409) {
          entry.problem = (await answer.json()).errors.join(" ");
          await put(entry);
          result.refused++;
        } else {
          result.loggedOut = answer.status === 401 || answer.status === 403;
          break;  // logged out meanwhile, or the server's trouble: later
        }
        result.left--;
      }
      // Pages open elsewhere (or beside the service worker) hear what arrived.
      if (result.sent && channel) channel.postMessage({sent: result.sent});
      return result;
    });
  }

  return {TAG, channel, url: "", all, put, remove, clear, meta, setMeta, send};
})();
