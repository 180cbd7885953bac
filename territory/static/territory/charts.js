/* Charts of the territory page (Chart.js, served from our static files). Data come from json_script tags;
   words from Django's JavaScript catalogue (the page loads it first), numbers in the page's language. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  const gettext = window.gettext || ((text) => text);
  const named = (text, values) => (window.interpolate ? window.interpolate(text, values, true) : text);
  const fmt = new Intl.NumberFormat(document.documentElement.lang || undefined);
  const labelled = (label, value) => named(gettext("%(label)s: %(value)s"), { label, value });
  const read = (id) => { const el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1b1f24";

  window.addEventListener("beforeprint", () => Object.values(Chart.instances).forEach((c) => c.resize()));
  window.addEventListener("afterprint", () => Object.values(Chart.instances).forEach((c) => c.resize()));
  const series = read("series-data");
  const seriesCanvas = document.getElementById("series-chart");
  if (series && seriesCanvas) {
    new Chart(seriesCanvas, {
      type: "line",
      data: {
        labels: series.map((r) => r.year),
        datasets: [
          { label: gettext("Population"), data: series.map((r) => r.population), borderColor: "#0b4f71", backgroundColor: "#0b4f71", yAxisID: "y", pointRadius: 2 },
          { label: gettext("Non-Belgians"), data: series.map((r) => r.non_belgian), borderColor: "#b3461b", backgroundColor: "#b3461b", yAxisID: "y2", pointRadius: 3, spanGaps: false },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, title: { display: true, text: gettext("Population") }, ticks: { callback: (v) => fmt.format(v) } },
          y2: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: gettext("Non-Belgians") }, ticks: { callback: (v) => fmt.format(v) } },
        },
        plugins: { tooltip: { callbacks: { label: (c) => labelled(c.dataset.label, c.raw === null ? "—" : fmt.format(c.raw)) } } },
      },
    });
  }

  const pyramid = read("pyramid-data");
  const pyramidCanvas = document.getElementById("pyramid-chart");
  if (pyramid && pyramidCanvas) {
    const neg = (values) => values.map((v) => -v);
    new Chart(pyramidCanvas, {
      type: "bar",
      data: {
        labels: pyramid.labels,
        datasets: [
          { label: gettext("Belgian men"), data: neg(pyramid.men_belgian), backgroundColor: "#5b8fb0", stack: "men" },
          { label: gettext("Non-Belgian men"), data: neg(pyramid.men_non_belgian), backgroundColor: "#083a54", stack: "men" },
          { label: gettext("Belgian women"), data: pyramid.women_belgian, backgroundColor: "#e3a587", stack: "women" },
          { label: gettext("Non-Belgian women"), data: pyramid.women_non_belgian, backgroundColor: "#b3461b", stack: "women" },
        ],
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false, animation: false,
        scales: {
          x: { stacked: true, ticks: { callback: (v) => fmt.format(Math.abs(v)) } },
          y: { stacked: true, reverse: true, title: { display: true, text: gettext("Age") } },
        },
        plugins: { tooltip: { callbacks: { label: (c) => labelled(c.dataset.label, fmt.format(Math.abs(c.raw))) } } },
      },
    });
  }
})();
