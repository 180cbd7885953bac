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
