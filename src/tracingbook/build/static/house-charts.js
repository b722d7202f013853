// Makes every chart the book build placed on the page interactive: redraws it
// with the site's own copy of Vega (bundled around this file), with tooltips.
// No request leaves the site.
const EMBED_OPTIONS = {
  renderer: "svg",
  actions: { export: true, source: false, compiled: false, editor: false },
  downloadFileName: "chart",
};

// A chart wider than the page gets a narrower plot, so that its text keeps
// its size on a phone; whatever still overflows (a wide legend, a composed
// chart, which Vega-Lite cannot narrow this way) is scaled down by the stylesheet.
const COMPOSITIONS = ["hconcat", "vconcat", "concat", "facet", "repeat"];
const AXIS_ROOM = 120; // pixels for the axis labels and title beside the plot
const NARROWEST_PLOT = 160;

function fittedToWidth(spec, available) {
  if (!available || COMPOSITIONS.some((key) => key in spec)) {
    return spec;
  }
  const viewWidth = spec.width ?? spec.config?.view?.continuousWidth ?? 300;
  if (typeof viewWidth !== "number" || viewWidth + AXIS_ROOM <= available) {
    return spec;
  }
  const config = spec.config ?? {};
  // Legends stacked in one column, one above the other, rather than side by side.
  const legend = { ...config.legend, columns: 1, layout: { bottom: { anchor: "start", direction: "vertical" } } };
  return {
    ...spec,
    width: Math.max(available - AXIS_ROOM, NARROWEST_PLOT),
    config: { ...config, legend },
  };
}

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
  // The view holds the chart as drawn at build time; the live chart is drawn
  // beside the page and swapped in whole, so the reader never sees a gap.
  const live = document.createElement("div");
  return vegaEmbed(live, fittedToWidth(spec, view.clientWidth), { ...EMBED_OPTIONS, mode: "vega-lite" })
    .then(() => {
      view.replaceChildren(live);
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

// The page's loader adds this bundle once the page is parsed and painted.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawAllCharts);
} else {
  drawAllCharts();
}
