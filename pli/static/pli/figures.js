/* Charts and maps download as images (PNG and SVG) with their title and source: a chart's canvas
   (Chart.js) or a map's SVG (Leaflet) is drawn under the section's heading, above its source line. */
(function () {
  "use strict";
  const gettext = (text) => (window.gettext ? window.gettext(text) : text);
  const MARGIN = 36;

  function describe(box) {
    const section = box.closest("section") || document.body;
    const heading = section.querySelector("h2, h1");
    const source = section.querySelector(".source");
    return { title: heading ? heading.textContent.trim() : document.title, source: source ? source.textContent.trim().replace(/\s+/g, " ") : "" };
  }
  function save(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  function slug(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "figure";
  }
  const SVG_NS = "http://www.w3.org/2000/svg";
  function node(name, attributes, text) {
    const element = document.createElementNS(SVG_NS, name);
    Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
    if (text) element.textContent = text;
    return element;
  }
  function framed(width, height, inner, info) {
    // Built node by node (an SVG of the figure, its title above and its source below).
    const total = height + 2 * MARGIN;
    const svg = node("svg", { width, height: total, viewBox: [0, 0, width, total].join(" ") });
    svg.appendChild(node("rect", { width: "100%", height: "100%", fill: "#fff" }));
    svg.appendChild(node("text", { x: 8, y: 24, "font-family": "sans-serif", "font-size": 16, "font-weight": "bold" }, info.title));
    const group = svg.appendChild(node("g", { transform: `translate(0 ${MARGIN})` }));
    group.appendChild(inner);
    svg.appendChild(node("text", { x: 8, y: height + MARGIN + 22, "font-family": "sans-serif", "font-size": 11 }, info.source));
    return new XMLSerializer().serializeToString(svg);
  }
  function toPng(svgText, width, height, name) {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width;
      canvas.height = height + 2 * MARGIN;
      canvas.getContext("2d").drawImage(image, 0, 0);
      canvas.toBlob((blob) => save(blob, name));
    };
    image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText);
  }
  function svgOf(box) {
    const canvas = box.querySelector("canvas");
    if (canvas) {
      const { width, height } = canvas;
      return { width, height, inner: node("image", { width, height, href: canvas.toDataURL("image/png") }) };
    }
    const svg = box.querySelector("svg");
    if (!svg) return null;
    const copy = svg.cloneNode(true);
    copy.removeAttribute("style");
    const width = svg.width.baseVal.value || box.clientWidth;
    const height = svg.height.baseVal.value || box.clientHeight;
    return { width, height, inner: copy };
  }
  function offer(box) {
    if (box.dataset.downloadsReady) return;
    box.dataset.downloadsReady = "1";
    const line = document.createElement("p");
    line.classList.add("figure-downloads", "no-print");
    line.appendChild(document.createTextNode(gettext("Download the image:") + " "));
    ["PNG", "SVG"].forEach((format) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = format;
      button.addEventListener("click", () => {
        const info = describe(box);
        const figure = svgOf(box);
        if (!figure) return;
        const text = framed(figure.width, figure.height, figure.inner, info);
        const name = `${slug(info.title)}.${format.toLowerCase()}`;
        if (format === "SVG") save(new Blob([text], { type: "image/svg+xml" }), name);
        else toPng(text, figure.width, figure.height, name);
      });
      line.appendChild(button);
      line.appendChild(document.createTextNode(" "));
    });
    box.insertAdjacentElement("afterend", line);
  }
  window.addEventListener("load", () => document.querySelectorAll(".chart-box, #map").forEach(offer));
})();
