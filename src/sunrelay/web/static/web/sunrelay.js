// Sunrelay's workspace: keyboard shortcuts, region clocks, small htmx helpers.
// Plain JavaScript, no build step. Every page works without it; this only adds speed.
(function () {
  "use strict";
  document.documentElement.classList.replace("no-js", "js");

  const QUEUE_KEY = "sunrelay.queue";

  function toast(text) {
    const box = document.getElementById("toast");
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.hidden = true; }, 4000);
  }

  // --- Region clocks: the server renders the time; this keeps it current.
  function tickClocks() {
    document.querySelectorAll("[data-clock-tz]").forEach(function (el) {
      try {
        el.textContent = new Intl.DateTimeFormat("en-GB", {
          timeZone: el.dataset.clockTz, weekday: "short", hour: "2-digit", minute: "2-digit", hour12: false,
        }).format(new Date()).replace(",", "");
      } catch (e) { /* an unknown zone keeps the server's text */ }
    });
  }
  setInterval(tickClocks, 30000);

  // --- Queue: a current row, moved with j/k, opened with Enter.
  function queueRows() {
    return Array.from(document.querySelectorAll("#queue-results tbody tr[data-href]"));
  }
  function currentIndex(rows) {
    return rows.findIndex(function (r) { return r.classList.contains("is-current"); });
  }
  function selectRow(rows, index) {
    rows.forEach(function (r) { r.classList.remove("is-current"); });
    const row = rows[Math.max(0, Math.min(index, rows.length - 1))];
    if (!row) return;
    row.classList.add("is-current");
    row.scrollIntoView({ block: "nearest" });
  }
  // Remember the queue's order so j/k on a ticket page move to the next ticket of this queue.
  function rememberQueue() {
    const rows = queueRows();
    if (!document.getElementById("queue-results")) return;
    sessionStorage.setItem(QUEUE_KEY, JSON.stringify({
      back: location.pathname + location.search,
      tickets: rows.map(function (r) { return r.dataset.href; }),
    }));
  }
  function storedQueue() {
    try { return JSON.parse(sessionStorage.getItem(QUEUE_KEY)) || null; } catch (e) { return null; }
  }
  function stepTicket(delta) {
    const queue = storedQueue();
    const at = queue ? queue.tickets.indexOf(location.pathname) : -1;
    if (at < 0) { toast("Open a queue first: j and k move through its tickets."); return; }
    const next = queue.tickets[at + delta];
    if (next) location.href = next;
    else toast(delta > 0 ? "Last ticket of this queue page." : "First ticket of this queue page.");
  }

  // --- Ticket page: the composer's two modes.
  function compose(mode) {
    const composer = document.getElementById("composer");
    if (!composer) return false;
    composer.dataset.mode = mode;
    const field = document.getElementById(mode === "note" ? "note-body" : "reply-body");
    if (field) field.focus();
    return true;
  }
  document.addEventListener("click", function (event) {
    const tab = event.target.closest("[data-compose]");
    if (tab) compose(tab.dataset.compose);
    if (event.target.closest("[data-shortcuts]")) openHelp();
  });

  function openHelp() {
    const dialog = document.getElementById("shortcuts");
    if (dialog && !dialog.open) dialog.showModal();
  }

  function isTyping(target) {
    return target.closest("input, textarea, select, [contenteditable=true]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    const target = event.target;
    if (isTyping(target)) {
      if (event.key === "Escape") target.blur();
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && target.form) {
        event.preventDefault();
        target.form.requestSubmit();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (document.querySelector("dialog[open]") && event.key !== "Escape") return;
    const rows = queueRows();
    const onTicket = document.getElementById("ticket-workspace") !== null;
    let handled = true;
    switch (event.key) {
      case "?":
        openHelp();
        break;
      case "/": {
        const search = document.getElementById("filter-q") || document.getElementById("topbar-search");
        if (search) { search.focus(); search.select(); } else handled = false;
        break;
      }
      case "j": case "n": case "ArrowDown":
        if (rows.length) selectRow(rows, currentIndex(rows) + 1);
        else if (onTicket && event.key !== "ArrowDown") stepTicket(1);
        else handled = false;
        break;
      case "k": case "p": case "ArrowUp":
        if (rows.length) selectRow(rows, currentIndex(rows) - 1);
        else if (onTicket && event.key !== "ArrowUp") stepTicket(-1);
        else handled = false;
        break;
      case "Enter": case "o": {
        const row = rows[currentIndex(rows)];
        if (row) location.href = row.dataset.href; else handled = false;
        break;
      }
      case "u": {
        const queue = storedQueue();
        location.href = queue ? queue.back : "/desk/";
        break;
      }
      case "r":
        handled = compose("reply");
        break;
      case "i":
        handled = compose("note");
        break;
      case "a": {
        const button = document.getElementById("assign-to-me");
        if (button) button.click(); else handled = false;
        break;
      }
      case "m":
        handled = openMacros();
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });

  // Forms that undo something ask first (without JavaScript they submit straight away).
  document.addEventListener("submit", function (event) {
    const form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
  });

  // Filters apply as soon as a choice changes.
  document.addEventListener("change", function (event) {
    const form = event.target.closest("form[data-autosubmit]");
    if (form && event.target.matches("select")) form.requestSubmit();
  });

  function pointBackToQueue() {
    const back = document.querySelector("[data-back-to-queue]");
    const queue = storedQueue();
    if (back && queue) back.href = queue.back;
  }

  // After htmx swapped a region (outerHTML replaces the target, so look the page up again).
  document.addEventListener("htmx:afterSettle", function () {
    rememberQueue();
    pointBackToQueue();
    // A refused form: put the cursor where the error is.
    const invalid = document.querySelector("#ticket-workspace [aria-invalid=true], #ticket-workspace .has-error select, #ticket-workspace .has-error input");
    if (invalid) invalid.focus();
  });
  document.addEventListener("htmx:responseError", function (event) {
    const status = event.detail.xhr.status;
    toast(status === 403 ? "Refused: your role cannot change this ticket."
      : status === 404 ? "Not found: the ticket may have moved out of your view."
      : "The server could not do that (" + status + "). Nothing was changed; try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("The server did not answer. Check the connection and try again.");
  });

  // --- Macros (the knowledge panel): pick one, its text goes into the reply box to edit, and
  // the reply form sends through the macro so its field changes come with it.
  function openMacros() {
    const picker = document.getElementById("macro-picker");
    if (!picker || !document.getElementById("reply-form")) return false;
    picker.showModal();
    const filter = picker.querySelector("[data-macro-filter]");
    if (filter) filter.focus();
    return true;
  }
  function useMacro(button) {
    const form = document.getElementById("reply-form");
    if (!form) return;
    fetch(button.dataset.macroText, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (text) {
        compose("reply");
        document.getElementById("reply-body").value = text;
        if (!form.dataset.replyAction) form.dataset.replyAction = form.getAttribute("action");
        form.setAttribute("action", button.dataset.macroSend);
        form.setAttribute("hx-post", button.dataset.macroSend);
        if (window.htmx) window.htmx.process(form);
        let note = form.querySelector(".macro-in-use");
        if (!note) {
          note = document.createElement("p");
          note.className = "macro-in-use";
          form.insertBefore(note, form.querySelector("textarea"));
        }
        note.textContent = "Using the macro " + button.dataset.macroLabel + ". ";
        const stop = document.createElement("button");
        stop.type = "button";
        stop.className = "link";
        stop.dataset.macroStop = "";
        stop.textContent = "Stop using it";
        note.appendChild(stop);
        document.getElementById("macro-picker").close();
        document.getElementById("reply-body").focus();
      })
      .catch(function () { toast("The macro could not be loaded; try again."); });
  }
  function stopMacro(form) {
    form.setAttribute("action", form.dataset.replyAction);
    form.setAttribute("hx-post", form.dataset.replyAction);
    if (window.htmx) window.htmx.process(form);
    const note = form.querySelector(".macro-in-use");
    if (note) note.remove();
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-open-macros]")) openMacros();
    const pick = event.target.closest("[data-macro-text]");
    if (pick) useMacro(pick);
    const stop = event.target.closest("[data-macro-stop]");
    if (stop) stopMacro(stop.closest("form"));
  });
  document.addEventListener("input", function (event) {
    if (!event.target.matches("[data-macro-filter]")) return;
    const words = event.target.value.toLowerCase().trim();
    document.querySelectorAll("#macro-picker [data-macro-name]").forEach(function (item) {
      item.hidden = words !== "" && item.dataset.macroName.indexOf(words) < 0;
    });
  });
  document.addEventListener("keydown", function (event) {
    // Enter in the filter picks the first macro still shown.
    if (event.key !== "Enter" || !event.target.matches("[data-macro-filter]")) return;
    event.preventDefault();
    const first = document.querySelector("#macro-picker [data-macro-name]:not([hidden]) [data-macro-text]");
    if (first) useMacro(first);
  });
  // A server's message for the agent, sent with HX-Trigger: {"sunrelay-toast": "…"}.
  document.addEventListener("sunrelay-toast", function (event) {
    toast(event.detail && event.detail.value ? event.detail.value : "Done.");
  });

  document.addEventListener("DOMContentLoaded", function () {
    rememberQueue();
    pointBackToQueue();
  });
  // --- Addresses to copy (calendar feeds): focusing one selects it whole. Delegated, so
  // fragments htmx swaps in work too; no inline handlers (the Content-Security-Policy).
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });
})();

// --- Queue: ticking tickets for the bulk bar. The form works without this; it adds the tick
// that selects the whole page, the count in the bar's title and its emphasis.
(function () {
  "use strict";
  function rowBoxes() {
    return Array.from(document.querySelectorAll('#queue-results input[name=tickets][form="bulk-form"]'));
  }
  function refreshBulk() {
    const form = document.getElementById("bulk-form");
    if (!form) return;
    const boxes = rowBoxes();
    const ticked = boxes.filter(function (box) { return box.checked; }).length;
    const all = document.querySelector("[data-select-all]");
    if (all) {
      all.checked = ticked > 0 && ticked === boxes.length;
      all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
    form.classList.toggle("has-selection", ticked > 0);
    const count = form.querySelector("[data-bulk-count]");
    if (count) count.textContent = ticked ? "· " + ticked + " selected" : "· tick them in the list";
  }
  document.addEventListener("change", function (event) {
    const all = event.target.closest("[data-select-all]");
    if (all) rowBoxes().forEach(function (box) { box.checked = all.checked; });
    if (all || event.target.matches('input[name=tickets][form="bulk-form"]')) refreshBulk();
  });
  document.addEventListener("htmx:afterSettle", refreshBulk);
  document.addEventListener("DOMContentLoaded", refreshBulk);
})();
