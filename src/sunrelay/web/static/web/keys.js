// Sunrelay's ticket page from the keyboard: the reply/note tabs as a tablist (arrow keys,
// aria-selected) and the keys for status, priority, solve and assign.
// Plain JavaScript, loaded after sunrelay.js; every page works without it.
(function () {
  "use strict";

  // --- The composer's tabs. sunrelay.js switches the mode (clicks, r and i); this keeps the
  // tabs' state true to it, wherever the switch came from, and adds the arrow keys.
  function syncTabs(composer) {
    composer.querySelectorAll("[role=tab][data-compose]").forEach(function (tab) {
      const selected = tab.dataset.compose === composer.dataset.mode;
      tab.setAttribute("aria-selected", selected ? "true" : "false");
      tab.tabIndex = selected ? 0 : -1;
    });
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.target.id === "composer") syncTabs(change.target);
    });
  }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ["data-mode"] });

  document.addEventListener("keydown", function (event) {
    const tab = event.target.closest && event.target.closest(".composer-tabs [role=tab]");
    if (!tab) return;
    const tabs = Array.from(tab.parentElement.querySelectorAll("[role=tab]"));
    const at = tabs.indexOf(tab);
    let next = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = tabs[(at + 1) % tabs.length];
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = tabs[(at - 1 + tabs.length) % tabs.length];
    else if (event.key === "Home") next = tabs[0];
    else if (event.key === "End") next = tabs[tabs.length - 1];
    if (!next) return;
    event.preventDefault();
    event.stopPropagation();
    const composer = document.getElementById("composer");
    if (composer) composer.dataset.mode = next.dataset.compose;
    next.focus();
  });
})();

// --- Ticket page keys: s status, y priority, g assign to someone, x solve (a, assign to me, is
// sunrelay.js's). Each puts the cursor in the Properties field to change; Ctrl+Enter saves.
// Never while typing in a field, never with a dialog open.
(function () {
  "use strict";
  const FIELDS = { s: "status", y: "priority", g: "assignee" };

  function say(text) {
    const box = document.getElementById("toast");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    clearTimeout(say.timer);
    say.timer = setTimeout(function () { box.hidden = true; }, 4000);
  }
  function field(form, name) {
    return form.querySelector("select[name=" + name + "], input[name=" + name + "]");
  }
  function focusField(control) {
    control.scrollIntoView({ block: "center" });
    control.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable=true]")) return;
    if (document.querySelector("dialog[open]")) return;
    const form = document.getElementById("properties-form");
    if (!form) return;
    if (FIELDS[event.key]) {
      const control = field(form, FIELDS[event.key]);
      if (!control) return;
      event.preventDefault();
      focusField(control);
      say("Choose, then Ctrl+Enter saves the properties.");
    } else if (event.key === "x") {
      const status = field(form, "status");
      const cause = field(form, "cause");
      if (!status || !cause) return;
      event.preventDefault();
      status.value = "solved";
      status.dispatchEvent(new Event("change", { bubbles: true }));
      focusField(cause);
      say("Solving: choose the cause, then Ctrl+Enter saves.");
    }
  });
})();
