/* Choropleth of the communes (Leaflet, no tile server: the boundaries alone, so it works offline). Words
   from Django's JavaScript catalogue (the page loads it first), numbers in the page's language. */
(function () {
  "use strict";
  const box = document.getElementById("map");
  if (!box || typeof L === "undefined") return;
  const gettext = window.gettext || ((text) => text);
  const named = (text, values) => (window.interpolate ? window.interpolate(text, values, true) : text);
  const language = document.documentElement.lang || undefined;
  const select = document.getElementById("map-indicator");
  const legend = document.getElementById("map-legend");
  const sourceLine = document.getElementById("map-source");
  const palette = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"];
  const share = new Set(["non_belgian_share", "under_18_share", "over_65_share"]);
  const format = (key, v) => {
    if (v === null || v === undefined) return "—";
    if (share.has(key)) return new Intl.NumberFormat(language, { style: "percent", minimumFractionDigits: 2 }).format(v);
    return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(v);
  };
  const extra = document.getElementById("extra-map-indicators");
  if (select && extra) {
    JSON.parse(extra.textContent).forEach(([key, label]) => select.add(new Option(label, key)));
  }
  const map = L.map(box, { zoomSnap: 0.25, attributionControl: true, scrollWheelZoom: false });
  let layer = null, data = null;

  function present(values) {
    return values.filter((v) => v !== null && v !== undefined).sort((a, b) => a - b);
  }
  function breaks(values) {
    // Quintile limits; for whole numbers (counts) whole limits, without repeated classes.
    const sorted = present(values);
    if (!sorted.length) return [];
    const distinct = [...new Set(sorted)];
    if (distinct.length <= palette.length && distinct.every(Number.isInteger)) return distinct.slice(1);
    let limits = [1, 2, 3, 4].map((i) => sorted[Math.floor((i * sorted.length) / 5)]);
    if (sorted.every(Number.isInteger)) limits = limits.map((v) => Math.ceil(v));
    return [...new Set(limits)].filter((v) => v > sorted[0]);
  }
  function shade(i, classes) {
    // Fewer classes than colours: spread them over the palette so that they stay easy to tell apart.
    return palette[classes > 1 ? Math.round((i * (palette.length - 1)) / (classes - 1)) : 0];
  }
  function colour(value, limits) {
    if (value === null || value === undefined) return "#cccccc";
    let i = 0;
    while (i < limits.length && value >= limits[i]) i++;
    return shade(i, limits.length + 1);
  }
  function draw() {
    const key = select ? select.value : "non_belgian_share";
    const label = select ? select.options[select.selectedIndex].text : key;
    const limits = breaks(data.features.map((f) => f.properties[key]));
    if (layer) layer.remove();
    layer = L.geoJSON(data, {
      style: (f) => ({
        fillColor: colour(f.properties[key], limits), fillOpacity: 0.85, color: "#333",
        weight: f.properties.nis === box.dataset.highlight ? 3 : 0.8,
      }),
      onEachFeature: (f, l) => {
        const text = named(gettext("%(commune)s — %(indicator)s: %(value)s"), {
          commune: f.properties.name, indicator: label, value: format(key, f.properties[key]),
        });
        const open = () => { window.location = box.dataset.detailUrl.replace("00000", f.properties.nis); };
        l.bindTooltip(text, { sticky: true });
        l.on("click", open);
        l.on("add", () => {
          const path = l.getElement();
          if (!path) return;
          path.setAttribute("role", "link");
          path.setAttribute("aria-label", text);
          path.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
        });
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [8, 8] });
    const values = present(data.features.map((f) => f.properties[key]));
    const integer = values.every(Number.isInteger);
    const lower = [values[0], ...limits];
    legend.innerHTML = "";
    const title = document.createElement("li");
    title.appendChild(document.createElement("strong")).textContent = label;
    legend.appendChild(title);
    lower.forEach((low, i) => {
      const item = document.createElement("li");
      let text = named(gettext("%(value)s and more"), { value: format(key, low) });
      if (i < limits.length) {
        const high = integer ? limits[i] - 1 : limits[i];
        text = high === low ? format(key, low) : named(gettext("%(low)s – %(high)s"), { low: format(key, low), high: format(key, high) });
      }
      // Built node by node: a style attribute in HTML text would be refused by the Content-Security-Policy.
      const swatch = item.appendChild(document.createElement("span"));
      swatch.className = "swatch";
      swatch.style.background = shade(i, lower.length);
      item.appendChild(document.createTextNode(text));
      legend.appendChild(item);
    });
  }
  fetch(box.dataset.url, { credentials: "same-origin" })
    .then((r) => r.json())
    .then((json) => {
      data = json;
      map.attributionControl.addAttribution(json.boundaries);
      sourceLine.textContent = `${json.source}. ${json.boundaries}.`;
      draw();
    });
  // The image download links follow the indicator shown.
  const links = box.closest("section").querySelectorAll(".figure-downloads a");
  const follow = () => links.forEach((a) => {
    const url = new URL(a.href, window.location.href);
    url.searchParams.set("indicateur", select.value);
    a.href = url.pathname + url.search;
  });
  if (select) select.addEventListener("change", () => { draw(); follow(); });
  // On paper the box is narrower than on screen: the map is fitted again to the printed width, so
  // that no commune is cut on the right. That width is fixed (17 cm, print.css), and given to the box
  // before the fit: when the browser says it will print, the page is still laid out for the screen.
  const refit = () => {
    map.invalidateSize(false);
    if (layer) map.fitBounds(layer.getBounds(), { padding: [8, 8], animate: false });
  };
  const beforePrint = () => { box.style.width = "17cm"; refit(); };
  const afterPrint = () => { box.style.width = ""; refit(); };
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    window.matchMedia("print").addEventListener("change", (event) => (event.matches ? beforePrint() : afterPrint()));
  }
})();
