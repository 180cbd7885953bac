/* The comparison of chosen territories (territory/compare.html): the population of each as an index
   (100 in the first year, so that a commune and a province read alike) and one pyramid per territory as
   shares of its residents. Data from the json_script tag; words from Django's JavaScript catalogue. */
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  const gettext = window.gettext || ((text) => text);
  const el = document.getElementById("compare-data");
  if (!el) return;
  const data = JSON.parse(el.textContent);
  const language = document.documentElement.lang || undefined;
  const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 });
  const colours = ["#0b4f71", "#b3461b", "#2e7d32", "#6a1b9a", "#c49000", "#00838f", "#5d4037", "#ad1457"];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1b1f24";
  const years = [...new Set(data.series.flatMap((s) => s.years))].sort((a, b) => a - b);
  new Chart(document.getElementById("compare-series"), {
    type: "line",
    data: {
      labels: years,
      datasets: data.series.map((s, i) => {
        const first = s.population.find((v) => v);
        const byYear = Object.fromEntries(s.years.map((y, j) => [y, s.population[j]]));
        return {
          label: s.name, borderColor: colours[i % 8], backgroundColor: colours[i % 8], pointRadius: 1,
          data: years.map((y) => (byYear[y] && first ? Math.round((byYear[y] / first) * 1000) / 10 : null)),
        };
      }),
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: "index", intersect: false } },
  });
  data.pyramids.forEach((p, i) => {
    const canvas = document.getElementById(`compare-pyramid-${i}`);
    if (!canvas) return;
    const total = [p.men_belgian, p.men_non_belgian, p.women_belgian, p.women_non_belgian].flat().reduce((a, b) => a + b, 0) || 1;
    const share = (values, sign) => values.map((v) => (sign * v) / total);
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: p.labels,
        datasets: [
          { label: gettext("Belgian men"), data: share(p.men_belgian, -1), backgroundColor: "#5b8db8", stack: "m" },
          { label: gettext("Non-Belgian men"), data: share(p.men_non_belgian, -1), backgroundColor: "#0b3c5d", stack: "m" },
          { label: gettext("Belgian women"), data: share(p.women_belgian, 1), backgroundColor: "#e8a87c", stack: "f" },
          { label: gettext("Non-Belgian women"), data: share(p.women_non_belgian, 1), backgroundColor: "#b3461b", stack: "f" },
        ],
      },
      options: {
        indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true, ticks: { callback: (v) => percent.format(Math.abs(v)) } }, y: { stacked: true, reverse: true } },
        plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${percent.format(Math.abs(c.raw))}` } } },
      },
    });
  });
})();
