// Draws every chart the book build placed on the page, with the site's own
// copy of Vega (bundled around this file): no request leaves the site.
const EMBED_OPTIONS = {
  renderer: "svg",
  actions: { export: true, source: false, compiled: false, editor: false },
  downloadFileName: "chart",
};

function drawChart(figure) {
  const view = figure.querySelector(".house-chart__view");
  const specNode = figure.querySelector("script.house-chart__spec");
  if (!view || !specNode) {
    console.error("chart figure is missing its view or spec", figure.id);
    return Promise.resolve();
  }
  // The notebooks write Vega-Lite 5 (what JupyterLab draws); the site's bundle
  // carries Vega-Lite 6, which reads those specs unchanged. Without the schema
  // address Vega-Embed does not warn about the version difference.
  const spec = JSON.parse(specNode.textContent);
  delete spec.$schema;
  return vegaEmbed(view, spec, { ...EMBED_OPTIONS, mode: "vega-lite" })
    .then(() => {
      figure.dataset.rendered = "true";
    })
    .catch((error) => {
      figure.dataset.rendered = "error";
      console.error(`chart ${figure.id} failed to draw:`, error);
    });
}

function drawAllCharts() {
  const figures = Array.from(document.querySelectorAll("figure.house-chart"));
  return Promise.all(figures.map(drawChart)).then(() => {
    // Milliseconds since the page was requested: the benchmark reads it.
    document.documentElement.dataset.chartsRenderedMs = String(Math.round(performance.now()));
    document.documentElement.dataset.chartsRendered = String(figures.length);
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawAllCharts);
} else {
  drawAllCharts();
}
