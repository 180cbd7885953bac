/* Printing shows everything: the tables folded in <details> open before printing, and close after. */
(function () {
  "use strict";
  let opened = [];
  window.addEventListener("beforeprint", () => {
    opened = Array.from(document.querySelectorAll("details:not([open])"));
    opened.forEach((d) => d.setAttribute("open", ""));
  });
  window.addEventListener("afterprint", () => opened.forEach((d) => d.removeAttribute("open")));
})();

/* Behaviours named by attributes, since the Content-Security-Policy forbids inline handlers:
   <form data-confirm="Question?"> asks before it is sent; <form data-no-submit> is never sent (its
   fields drive a map or a chart). */
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.hasAttribute("data-no-submit")) {
    event.preventDefault();
  } else if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

/* The territory chooser (territory/choosers.py): a <select data-territory-search> gets a search box
   above it that narrows its options by name or NIS code, accents and case ignored; the chosen options
   always stay. Without script, the select works alone. Any other long <select data-search> (the agenda
   items of advocacy/forms.py) gets the same box. */
(function () {
  "use strict";
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  function enhance(select) {
    if (select.dataset.searchReady) return;
    select.dataset.searchReady = "1";
    const box = document.createElement("input");
    box.type = "search";
    box.className = "territory-search";
    box.setAttribute("aria-label", select.dataset.searchLabel || "");
    box.placeholder = select.dataset.searchLabel || "";
    if (select.id) box.id = select.id + "_search";
    box.setAttribute("aria-controls", select.id || "");
    const options = Array.from(select.options).map((option) => [option, fold(option.text)]);
    box.addEventListener("input", () => {
      const needle = fold(box.value.trim());
      options.forEach(([option, text]) => {
        const keep = !needle || option.selected || option.value === "" || text.includes(needle);
        option.hidden = !keep;
        option.disabled = !keep && !option.selected;
      });
    });
    // The search box belongs to the chooser, not to the form sent (no name: never submitted).
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    select.parentNode.insertBefore(box, select);
  }
  function enhanceAll(root) {
    root.querySelectorAll("select[data-territory-search], select[data-search]").forEach(enhance);
  }
  document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  document.addEventListener("htmx:afterSwap", (event) => enhanceAll(event.target));
})();
