// The command palette: Ctrl+K (Cmd+K on a Mac) anywhere in the workspace finds tickets by
// number and subject, queues, saved views, people and pages (GET /desk/palette/?q=).
// Arrow keys choose, Enter opens, Esc closes; Enter without a choice searches everything.
(function () {
  "use strict";
  let active = -1;
  let items = [];
  let asked = 0;
  // Typed ahead of the answer: Enter waits for the results of what is in the box now.
  let stale = false;
  let goWhenLoaded = false;

  function parts() {
    const dialog = document.getElementById("palette");
    if (!dialog) return null;
    return { dialog: dialog, input: dialog.querySelector("input"), list: dialog.querySelector("[role=listbox]") };
  }
  function choose(p, index) {
    const options = p.list.querySelectorAll("[role=option]");
    if (!options.length) { active = -1; p.input.removeAttribute("aria-activedescendant"); return; }
    active = (index + options.length) % options.length;
    options.forEach(function (o, i) { o.setAttribute("aria-selected", i === active ? "true" : "false"); });
    p.input.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }
  function render(p, found, error, query) {
    items = found;
    p.list.textContent = "";
    if (error) {
      const li = document.createElement("li");
      li.className = "palette-empty";
      li.textContent = error;
      p.list.appendChild(li);
    }
    found.forEach(function (item, i) {
      const li = document.createElement("li");
      li.id = "palette-option-" + i;
      li.setAttribute("role", "option");
      li.dataset.url = item.url;
      li.className = "palette-" + item.kind;
      const label = document.createElement("span");
      label.className = "palette-label";
      label.textContent = item.label;
      const detail = document.createElement("span");
      detail.className = "palette-detail";
      detail.textContent = item.detail;
      li.append(label, detail);
      p.list.appendChild(li);
    });
    if (!found.length && !error) {
      const li = document.createElement("li");
      li.className = "palette-empty";
      li.textContent = "Nothing found; Enter searches every ticket, contact and account.";
      p.list.appendChild(li);
    }
    choose(p, 0);
    stale = query !== p.input.value;
    if (goWhenLoaded && !stale) { goWhenLoaded = false; go(p); }
  }
  function load(p) {
    const ticket = ++asked;
    const query = p.input.value;
    stale = true;
    fetch(p.input.dataset.paletteUrl + "?q=" + encodeURIComponent(query), {
      credentials: "same-origin", headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.json(); })
      .then(function (body) { if (ticket === asked) render(p, body.items || [], body.error, query); })
      .catch(function () { if (ticket === asked) render(p, [], "The server did not answer; try again.", query); });
  }
  function open() {
    const p = parts();
    if (!p) return;
    if (!p.dialog.open) p.dialog.showModal();
    goWhenLoaded = false;
    p.input.value = "";
    p.input.focus();
    load(p);
  }
  function go(p) {
    if (stale) { goWhenLoaded = true; return; }
    if (active >= 0 && items[active]) location.href = items[active].url;
    else if (p.input.value.trim()) p.input.form.requestSubmit();
  }

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
      event.preventDefault();
      open();
      return;
    }
    const p = parts();
    if (!p || event.target !== p.input) return;
    if (event.key === "ArrowDown") { event.preventDefault(); choose(p, active + 1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); choose(p, active - 1); }
    else if (event.key === "Enter") { event.preventDefault(); event.stopPropagation(); go(p); }
  }, true);
  let timer = null;
  document.addEventListener("input", function (event) {
    const p = parts();
    if (!p || event.target !== p.input) return;
    stale = true;
    clearTimeout(timer);
    timer = setTimeout(function () { load(p); }, 120);
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-palette-open]")) { open(); return; }
    const option = event.target.closest("#palette [role=option]");
    if (option) location.href = option.dataset.url;
  });
})();
