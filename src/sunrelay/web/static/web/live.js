// Sunrelay live: who else is on a ticket, @mention completion in notes, queues that refresh
// on their own. Plain JavaScript (the Content-Security-Policy allows no inline script);
// every page works without it.
(function () {
  "use strict";

  const BEAT_MS = 5000;          // presence: "still here" every few seconds
  const TYPING_MS = 8000;        // a keystroke this recent counts as typing
  const QUEUE_MS = 20000;        // a queue looks for changes this often, unless the page
                                 // says otherwise (data-refresh-seconds, SUNRELAY_QUEUE_REFRESH_SECONDS)
  const BACKGROUND = { "X-Sunrelay-Background": "1" };  // not a use of the session

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) return field.value;
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }
  function refreshBell() {
    document.body.dispatchEvent(new Event("sunrelay-notifications"));
  }

  // --- Presence on the ticket page (desk.presence).
  let typingKind = "";
  let typedAt = 0;
  let sentTypingAt = 0;
  let opened = false;

  function workspace() { return document.getElementById("ticket-workspace"); }

  // One beat at a time: a beat sent while another is on its way could overtake it at the
  // server and be overwritten by the older news ("viewing" after "writing").
  let beating = false;
  let beatAgain = false;

  function beat() {
    const ws = workspace();
    if (!ws || !ws.dataset.presenceUrl || document.hidden) return;
    if (beating) { beatAgain = true; return; }
    beating = true;
    const body = new FormData();
    const typing = Date.now() - typedAt < TYPING_MS ? typingKind : "";
    if (typing) sentTypingAt = Date.now();
    body.append("typing", typing);
    body.append("version", ws.dataset.version || "");
    if (!opened) body.append("opened", "1");
    fetch(ws.dataset.presenceUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: Object.assign({ "X-CSRFToken": csrfToken() }, BACKGROUND),
    }).then(function (response) {
      if (!response.ok) return null;
      opened = true;
      if (response.headers.get("X-Notifications-Read")) refreshBell();
      return response.text();
    }).then(function (html) {
      const box = document.getElementById("presence");
      if (html !== null && box) box.innerHTML = html;
    }).catch(function () { /* the next beat tries again */ }).finally(function () {
      beating = false;
      if (beatAgain) { beatAgain = false; beat(); }
    });
  }

  document.addEventListener("input", function (event) {
    const id = event.target.id;
    if (id !== "reply-body" && id !== "note-body") return;
    typingKind = id === "note-body" ? "note" : "reply";
    typedAt = Date.now();
    // The first keystroke is told at once; then the regular beat carries it.
    if (Date.now() - sentTypingAt > BEAT_MS) beat();
  });

  window.addEventListener("pagehide", function () {
    const ws = workspace();
    if (!ws || !ws.dataset.presenceUrl || !navigator.sendBeacon) return;
    const body = new FormData();
    body.append("leave", "1");
    body.append("csrfmiddlewaretoken", csrfToken());
    navigator.sendBeacon(ws.dataset.presenceUrl, body);
  });

  // --- @mentions in the note box: a list of matching staff; arrows move, Enter or Tab
  // choose, Escape closes. The list is a listbox the textarea points at (ARIA combobox).
  let mention = null;  // {field, start, items, index}

  function mentionBox() {
    let box = document.getElementById("mention-list");
    if (!box) {
      box = document.createElement("ul");
      box.id = "mention-list";
      box.className = "mention-list";
      box.setAttribute("role", "listbox");
      box.setAttribute("aria-label", "Staff to mention");
      box.hidden = true;
      document.body.appendChild(box);
    }
    return box;
  }
  function closeMentions() {
    const box = document.getElementById("mention-list");
    if (box) box.hidden = true;
    if (mention) {
      mention.field.setAttribute("aria-expanded", "false");
      mention.field.removeAttribute("aria-activedescendant");
    }
    mention = null;
  }
  function showMentions(field, start, people) {
    const box = mentionBox();
    box.textContent = "";
    if (!people.length) { closeMentions(); return; }
    people.forEach(function (p, i) {
      const item = document.createElement("li");
      item.id = "mention-option-" + i;
      item.setAttribute("role", "option");
      item.dataset.username = p.username;
      const name = document.createElement("strong");
      name.textContent = p.name;
      item.appendChild(name);
      item.appendChild(document.createTextNode(" @" + p.username));
      box.appendChild(item);
    });
    const rect = field.getBoundingClientRect();
    box.style.left = (window.scrollX + rect.left) + "px";
    box.style.top = (window.scrollY + rect.bottom) + "px";
    box.style.minWidth = Math.min(rect.width, 320) + "px";
    box.hidden = false;
    field.setAttribute("aria-controls", "mention-list");
    field.setAttribute("aria-expanded", "true");
    mention = { field: field, start: start, items: people, index: 0 };
    markOption();
  }
  function markOption() {
    const box = mentionBox();
    Array.from(box.children).forEach(function (item, i) {
      item.setAttribute("aria-selected", i === mention.index ? "true" : "false");
    });
    mention.field.setAttribute("aria-activedescendant", "mention-option-" + mention.index);
  }
  function chooseMention(index) {
    if (!mention) return;
    const field = mention.field;
    const person = mention.items[index];
    const caret = field.selectionStart;
    const text = "@" + person.username + " ";
    field.value = field.value.slice(0, mention.start) + text + field.value.slice(caret);
    const at = mention.start + text.length;
    field.setSelectionRange(at, at);
    closeMentions();
    field.focus();
  }
  // "@" then a name's first letters, just before the caret, not inside an e-mail address.
  const TYPED_MENTION = /(^|[^\w.+\-@\/])@([\w.+\-]{0,40})$/;
  let asked = 0;
  document.addEventListener("input", function (event) {
    const field = event.target;
    if (field.id !== "note-body" || !field.dataset.mentionsUrl) return;
    const before = field.value.slice(0, field.selectionStart);
    const match = TYPED_MENTION.exec(before);
    if (!match) { closeMentions(); return; }
    const start = before.length - match[2].length - 1;
    const ask = ++asked;
    fetch(field.dataset.mentionsUrl + "?q=" + encodeURIComponent(match[2]), {
      credentials: "same-origin", headers: BACKGROUND,
    }).then(function (response) { return response.ok ? response.json() : { people: [] }; })
      .then(function (data) { if (ask === asked) showMentions(field, start, data.people); })
      .catch(closeMentions);
  });
  // Capture: before the page's own keys (Escape leaves a field, Enter sends with Ctrl).
  document.addEventListener("keydown", function (event) {
    if (!mention || event.target !== mention.field) return;
    const count = mention.items.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      mention.index = (mention.index + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      markOption();
    } else if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") {
      chooseMention(mention.index);
    } else if (event.key === "Escape") {
      closeMentions();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }, true);
  document.addEventListener("mousedown", function (event) {
    const option = event.target.closest("#mention-list [role=option]");
    if (!option || !mention) { if (mention && !event.target.closest("#mention-list")) closeMentions(); return; }
    event.preventDefault();  // keep the focus in the note box
    chooseMention(Array.from(option.parentNode.children).indexOf(option));
  });
  document.addEventListener("focusout", function (event) {
    if (mention && event.target === mention.field) setTimeout(closeMentions, 150);
  });

  // --- Queues refresh on their own: the queue is asked again every few seconds; when its
  // tickets changed it is swapped in, unless the agent is busy with it (tickets ticked for a
  // bulk change, a row chosen with j/k, the focus or the pointer in it): then a button says
  // how many changed and refreshes when asked.
  function rowsOf(root) {
    const found = new Map();
    root.querySelectorAll("tbody tr[data-href]").forEach(function (row) {
      found.set(row.dataset.href, row.dataset.updated || "");
    });
    return found;
  }
  function countChanges(before, after) {
    let changes = 0;
    after.forEach(function (updated, href) { if (before.get(href) !== updated) changes += 1; });
    before.forEach(function (_, href) { if (!after.has(href)) changes += 1; });
    return changes;
  }
  function busyWithQueue(results) {
    if (results.querySelector('input[name=tickets]:checked, tr.is-current, details[open]')) return true;
    const bulk = document.getElementById("bulk-form");
    const active = document.activeElement;
    if (active && active !== document.body && (results.contains(active) || (bulk && bulk.contains(active)))) return true;
    return results.matches(":hover") || (bulk !== null && bulk.matches(":hover"));
  }
  // The tickets the agent ticked stay ticked when the queue is drawn again (those still in it).
  function tickedTickets() {
    return Array.from(document.querySelectorAll("#queue-results input[name=tickets]:checked"))
      .map(function (box) { return box.value; });
  }
  function tickAgain(values) {
    let last = null;
    document.querySelectorAll("#queue-results input[name=tickets]").forEach(function (box) {
      if (values.indexOf(box.value) >= 0) { box.checked = true; last = box; }
    });
    // The bulk bar counts the ticked tickets when one changes (sunrelay.js).
    if (last) last.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function swapQueue() {
    const notice = document.getElementById("queue-refresh");
    if (notice) notice.remove();
    if (window.htmx) {
      const ticked = tickedTickets();
      window.htmx.ajax("GET", location.pathname + location.search, {
        target: "#queue-results", select: "#queue-results", swap: "outerHTML",
        headers: BACKGROUND,
      }).then(function () { tickAgain(ticked); }, function () { /* the next look tries again */ });
    } else {
      location.reload();
    }
  }
  function offerRefresh(results, changes) {
    let notice = document.getElementById("queue-refresh");
    if (!notice) {
      notice = document.createElement("p");
      notice.id = "queue-refresh";
      notice.className = "queue-refresh";
      notice.setAttribute("role", "status");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "small";
      button.dataset.queueRefresh = "";
      notice.appendChild(button);
      results.parentNode.insertBefore(notice, results);
    }
    notice.querySelector("button").textContent =
      changes + (changes === 1 ? " change" : " changes") + " — refresh";
  }
  function lookAtQueue() {
    const results = document.getElementById("queue-results");
    if (!results || document.hidden) return;
    fetch(location.pathname + location.search, {
      credentials: "same-origin",
      headers: Object.assign({ "HX-Request": "true", "HX-Target": "queue-results" }, BACKGROUND),
    }).then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html === null) return;
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("queue-results");
        const current = document.getElementById("queue-results");
        if (!fresh || !current) return;
        const changes = countChanges(rowsOf(current), rowsOf(fresh));
        if (!changes) return;
        if (busyWithQueue(current)) offerRefresh(current, changes);
        else swapQueue();
      }).catch(function () { /* the next look tries again */ });
  }
  function queueInterval(results) {
    const seconds = parseFloat(results.dataset.refreshSeconds);
    return seconds > 0 ? seconds * 1000 : QUEUE_MS;
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-queue-refresh]")) swapQueue();
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (workspace()) { beat(); setInterval(beat, BEAT_MS); }
    const queue = document.getElementById("queue-results");
    if (queue) setInterval(lookAtQueue, queueInterval(queue));
  });
  // Tests and impatient people: look now.
  window.sunrelayLive = { beat: beat, lookAtQueue: lookAtQueue };
})();
