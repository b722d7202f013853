// Makes every chart the book build placed on the page interactive: redraws it
// with the site's own copy of Vega (bundled around this file), with tooltips.
// No request leaves the site. Without this script the page keeps the drawings
// made at build time, and every figure is in the table under each chart.
const EMBED_OPTIONS = {
  renderer: "svg",
  // The chart's data and image downloads are plain links under it, for every reader.
  actions: false,
};

// The build lays each chart out twice: as the notebook drew it, less its title
// (house-chart__spec), and for a phone's column (house-chart__phone-spec).
// Where the column is narrower than the notebook's drawing, the phone layout
// is drawn at the column's own width.
function wideSpec(figure, available) {
  const spec = JSON.parse(figure.querySelector("script.house-chart__spec").textContent);
  if (spec.autosize && typeof spec.width === "number" && available) {
    spec.width = Math.min(spec.width, Math.floor(available));
  }
  // The notebooks write Vega-Lite 5 (what JupyterLab draws); the site's bundle
  // carries Vega-Lite 6, which reads those specs unchanged. Without the schema
  // address Vega-Embed does not warn about the version difference.
  delete spec.$schema;
  return spec;
}

function phoneSpec(figure, available) {
  const node = figure.querySelector("script.house-chart__phone-spec");
  if (!node) {
    return null;
  }
  const spec = JSON.parse(node.textContent);
  if (spec.autosize && typeof spec.width === "number" && available) {
    spec.width = Math.floor(available);
  }
  return spec;
}

function embed(target, spec) {
  return vegaEmbed(target, spec, { ...EMBED_OPTIONS, mode: "vega-lite" });
}

function drawChart(figure) {
  const view = figure.querySelector(".house-chart__view");
  const drawn = figure.querySelector(".house-chart__drawing");
  if (!view || !drawn || !figure.querySelector("script.house-chart__spec")) {
    console.error("chart figure is missing its view or spec", figure.id);
    return Promise.resolve();
  }
  const available = view.clientWidth;
  const fitsWide = available >= Number(figure.dataset.wideWidth || 0);
  let first;
  try {
    first = (fitsWide ? null : phoneSpec(figure, available)) ?? wideSpec(figure, available);
  } catch (error) {
    figure.dataset.rendered = "error";
    console.error(`chart ${figure.id} has an unreadable spec:`, error);
    return Promise.resolve();
  }
  // The live chart is drawn beside the page and swapped in whole, in a frame
  // that keeps the build-time drawing's name and description for screen readers.
  const live = drawn.cloneNode(false);
  live.className = "house-chart__drawing house-chart__drawing--live";
  const target = document.createElement("div");
  live.appendChild(target);
  document.body.appendChild(live).style.cssText = `position:absolute;left:-10000px;width:${available}px`;
  return embed(target, first)
    .then((result) => {
      // The reader's fonts may draw the notebook's layout a little wider than the
      // build's did: then the phone layout, fitted to the column, is drawn instead.
      const width = target.querySelector("svg")?.getBoundingClientRect().width ?? 0;
      const phone = fitsWide && width > available + 1 ? phoneSpec(figure, available) : null;
      if (!phone) {
        return result;
      }
      result.finalize();
      return embed(target, phone);
    })
    .then(() => {
      live.style.cssText = "";
      view.replaceChildren(live);
      figure.dataset.rendered = "true";
    })
    .catch((error) => {
      live.remove();
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
