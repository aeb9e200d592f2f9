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
