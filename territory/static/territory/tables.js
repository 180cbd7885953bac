/* After htmx replaces a sortable table, give the focus back to the header the user activated. */
(function () {
  "use strict";
  let lastKey = null;
  document.addEventListener("click", (event) => {
    const link = event.target.closest("[data-sort-key]");
    lastKey = link ? link.dataset.sortKey : null;
  });
  document.body.addEventListener("htmx:afterSwap", () => {
    if (!lastKey) return;
    const again = document.querySelector(`[data-sort-key="${lastKey}"]`);
    if (again) again.focus();
    lastKey = null;
  });
})();
