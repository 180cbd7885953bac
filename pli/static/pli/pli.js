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
