// Small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Sign-up and settings: preselect the browser's time zone if the person has not chosen one.
  function guessTimeZone(root) {
    root.querySelectorAll("select[data-guess-time-zone]").forEach(function (select) {
      if (select.dataset.guessed) return;
      select.dataset.guessed = "1";
      var zone;
      try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
      if (zone && select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) {
        select.value = zone;
      }
    });
  }

  // A message in the page's live region (base.html's #messages): "success" or "error".
  function say(text, kind) {
    var box = document.getElementById("messages");
    if (!box) return;
    box.innerHTML = "";
    var note = document.createElement("div");
    note.className = "message message-" + kind;
    note.setAttribute("role", kind === "error" ? "alert" : "status");
    note.textContent = text;
    box.appendChild(note);
  }
  window.Almost = {say: say};  // for offline.js

  // Buttons with data-copy="id" copy the text of that field to the clipboard, and say so
  // where a screen reader hears it too.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.value || source.textContent).then(function () {
      var label = button.textContent;
      button.textContent = "Copied";
      say("Copied. Paste it into your chat with them.", "success");
      setTimeout(function () { button.textContent = label; }, 1500);
    });
  });

  // Close an open chip when another opens or Escape is pressed.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.classList || !opened.classList.contains("chip") || !opened.open) return;
    document.querySelectorAll("details.chip[open]").forEach(function (d) { if (d !== opened) d.open = false; });
  }, true);
  // A click outside the open chip closes it, as a popover would.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.chip[open]").forEach(function (d) {
      if (!d.contains(event.target)) d.open = false;
    });
  });
  // Tabbing out of an open chip closes it: open, it would cover the controls the focus
  // moves on to (the entry's Edit and Delete).
  document.addEventListener("focusout", function (event) {
    var chip = event.target.closest && event.target.closest("details.chip[open]");
    if (chip && event.relatedTarget && !chip.contains(event.relatedTarget)) chip.open = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.chip[open]").forEach(function (d) {
      d.open = false;
      d.querySelector("summary").focus();
    });
  });

  // An htmx request that fails leaves the page as it was, so nothing typed is lost;
  // say so, rather than failing silently.
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    say(status === 503
      ? "Almost can't reach its database just now. Nothing you typed is lost: try again in a moment."
      : "That didn't go through. Nothing you typed is lost: try again.", "error");
  });
  // The log form's fields are disabled while saving (log.html), which takes the focus
  // away; when the save fails, give it back to the button, to try again.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (event.detail.successful || !form || form.id !== "entry-form") return;
    var button = form.querySelector("button[type=submit]");
    if (button) setTimeout(function () { button.focus(); }, 0); // once htmx enables it
  });
  document.addEventListener("htmx:sendError", function () {
    say("Almost can't be reached just now. Nothing you typed is lost: try again in a moment.", "error");
  });

  // Typing a new name in the log form means someone new: the "Who" list lets go of the
  // person it had picked, so the form shows where the entry will go.
  document.addEventListener("input", function (event) {
    if (event.target.id !== "id_new_person" || !event.target.value.trim()) return;
    var who = event.target.form && event.target.form.querySelector("#id_person");
    if (who) who.value = "";
  });

  // A list whose options htmx has just replaced (the timeline's Person filter after
  // logging someone new) keeps whatever the browser picked as the old options went:
  // show the option the page marked as selected.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var list = event.detail.target;
    if (!list || list.tagName !== "SELECT") return;
    var marked = list.querySelector("option[selected]");
    list.value = marked ? marked.value : "";
  });

  // Back and Forward restore the page htmx saved, but not what its fields held: put the
  // timeline's filters back as the address says, so the next search keeps them.
  document.addEventListener("htmx:historyRestore", function () {
    var params = new URLSearchParams(window.location.search);
    var person = document.getElementById("filter-person");
    var search = document.getElementById("q");
    if (person) person.value = params.get("person") || "";
    if (search) search.value = params.get("q") || "";
  });

  // Back on a page at an entry (/#entry-12, after editing it): the keyboard starts there.
  function focusEntryInAddress() {
    var target = /^#entry-\d+$/.test(window.location.hash) && document.querySelector(window.location.hash);
    if (!target) return;
    target.setAttribute("tabindex", "-1");
    target.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    guessTimeZone(document);
    focusEntryInAddress();
  });
  document.addEventListener("htmx:afterSettle", function (event) { guessTimeZone(event.target); });
})();
