// Almost's service worker, served from /sw.js by journal/offline.py, which writes
// self.ALMOST above this file (this version, the offline page, the files it links) and
// loads outbox.js. It keeps the offline page and our static files, nothing else: every
// other page holds someone's journal and stays out of any cache.
"use strict";
const CACHE = "almost-" + self.ALMOST.version;
const KEPT = new Set(self.ALMOST.files);
Outbox.url = self.ALMOST.send;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([self.ALMOST.shell, ...KEPT])));
});

// A new version waits until no page uses the old one (the next time Almost is opened),
// unless a page asks it to take over now ("Reload now" in offline.js).
self.addEventListener("message", (event) => {
  if (event.data === "take-over") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("almost-") && name !== CACHE) await caches.delete(name);
    }
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    // Pages come from the server, never from a cache; when it can't be reached, the
    // offline page stands in.
    event.respondWith((async () => {
      try {
        return (await event.preloadResponse) || (await fetch(request));
      } catch (error) {
        return caches.match(self.ALMOST.shell, {cacheName: CACHE});
      }
    })());
    return;
  }
  const url = new URL(request.url);
  if (url.origin === location.origin && KEPT.has(url.pathname)) {
    event.respondWith(caches.match(request, {cacheName: CACHE}).then((kept) => kept || fetch(request)));
  }
});

// The browser's background sync, where it exists: sends what waits once the connection
// is back, even with Almost closed. A failed try is tried again later by the browser.
self.addEventListener("sync", (event) => {
  if (event.tag !== Outbox.TAG) return;
  event.waitUntil(Outbox.send().then((result) => {
    if (result.left && !result.loggedOut) throw new Error("Almost can't be reached yet.");
  }));
});
