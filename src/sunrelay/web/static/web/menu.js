// Narrow screens: the top bar's navigation and account menu open behind a Menu button.
// Without JavaScript they are always shown, wrapped under the brand.
(function () {
  "use strict";
  function setOpen(bar, open) {
    bar.classList.toggle("menu-open", open);
    const button = bar.querySelector("[data-menu-toggle]");
    if (button) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      button.textContent = open ? "Close menu" : "Menu";
    }
  }
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-menu-toggle]");
    if (!button) return;
    const bar = button.closest(".topbar");
    setOpen(bar, !bar.classList.contains("menu-open"));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    const bar = document.querySelector(".topbar.menu-open");
    if (!bar) return;
    setOpen(bar, false);
    bar.querySelector("[data-menu-toggle]").focus();
  });
})();
