/* The reactivity chart (Chart.js, served from our static files): median days to first answer and to
   closure, month by month. Data and words come from json_script tags written by the page. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  const read = (id) => { const el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; };
  const data = read("reactivity-data");
  const canvas = document.getElementById("reactivity-chart");
  if (!data || !canvas) return;
  const fmt = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });
  // "Délai médian : 3,5", the French space before the colon (Django's JavaScript catalogue).
  const labelled = (label, value) => (window.interpolate ? interpolate(gettext("%(label)s: %(value)s"), { label, value }, true) : `${label}: ${value}`);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1b1f24";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.months,
      datasets: [
        { label: data.labels.qualification, data: data.qualification, backgroundColor: "#5b8fb0" },
        { label: data.labels.first_answer, data: data.first_answer, backgroundColor: "#0b4f71" },
        { label: data.labels.closure, data: data.closure, backgroundColor: "#b3461b" },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { y: { beginAtZero: true, title: { display: true, text: data.labels.axis }, ticks: { callback: (v) => fmt.format(v) } } },
      plugins: { tooltip: { callbacks: { label: (c) => labelled(c.dataset.label, c.raw === null ? "—" : fmt.format(c.raw)) } } },
    },
  });
})();
