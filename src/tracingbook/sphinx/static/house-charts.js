// Makes every chart the book build placed on the page interactive: redraws it
// with the site's own copy of Vega (bundled around this file), with tooltips.
// No request leaves the site. Without this script the page keeps the drawings
// made at build time, and every figure is in the table under each chart.
const EMBED_OPTIONS = {
  renderer: "svg",
  // The chart's data and image downloads are plain links under it, for every reader.
  actions: false,
};

// Each chart is one spec, drawn phone first at its container's width: the build
// drew it at a phone column's width; here it is drawn again at the column's own
// width, in place of that drawing. The page names, in the figure's data-spec, a
// small script that holds the spec; it is loaded here, when the chart is made live.
const loadedSpecs = () => window.houseChartSpecs || {};

function loadSpec(figure) {
  if (loadedSpecs()[figure.id]) {
    return Promise.resolve(loadedSpecs()[figure.id]);
  }
  if (!figure.dataset.spec) {
    return Promise.reject(new Error("the figure names no spec script (data-spec)"));
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = figure.dataset.spec;
    script.onload = () =>
      loadedSpecs()[figure.id]
        ? resolve(loadedSpecs()[figure.id])
        : reject(new Error(`${figure.dataset.spec} holds no spec for this chart`));
    script.onerror = () => reject(new Error(`${figure.dataset.spec} could not be loaded`));
    document.head.appendChild(script);
  });
}

function drawChart(figure) {
  const view = figure.querySelector(".house-chart__view");
  const drawn = figure.querySelector(".house-chart__drawing");
  if (!view || !drawn) {
    console.error("chart figure is missing its view or drawing", figure.id);
    return Promise.resolve();
  }
  return loadSpec(figure).then(
    (spec) => drawLive(figure, view, drawn, spec),
    (error) => {
      figure.dataset.rendered = "error";
      console.error(`chart ${figure.id} has no spec to draw:`, error.message);
    },
  );
}

function drawLive(figure, view, drawn, stored) {
  // The notebooks write Vega-Lite 5 (what JupyterLab draws); the site's bundle
  // carries Vega-Lite 6, which reads those specs unchanged. Without the schema
  // address Vega-Embed does not warn about the version difference.
  const spec = structuredClone(stored);
  delete spec.$schema;
  // The live chart is drawn into a frame that keeps the build-time drawing's name
  // and description for screen readers, and takes its place once drawn: the
  // page never holds two drawings of one chart.
  const live = drawn.cloneNode(false);
  live.classList.add("house-chart__drawing--live");
  const target = document.createElement("div");
  target.className = "house-chart__canvas";
  live.appendChild(target);
  live.hidden = true;
  view.appendChild(live);
  live.style.width = `${view.clientWidth}px`;
  live.hidden = false;
  live.style.position = "absolute";
  live.style.visibility = "hidden";
  return vegaEmbed(target, spec, { ...EMBED_OPTIONS, mode: "vega-lite" })
    .then(() => {
      live.style.cssText = "";
      drawn.remove();
      showTooltipsOnTouch(live);
      figure.dataset.rendered = "true";
    })
    .catch((error) => {
      live.remove();
      figure.dataset.rendered = "error";
      console.error(`chart ${figure.id} failed to draw:`, error);
    });
}

// Vega shows a mark's tooltip when a pointer moves over it; a finger that taps
// does not move, so a tap on a phone would show nothing. Each tap is passed to
// Vega as a move to the same place, which shows the tapped mark's tooltip (and
// hides it on a tap beside the marks).
function showTooltipsOnTouch(live) {
  live.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse") {
      return;
    }
    const move = {
      bubbles: true,
      clientX: event.clientX,
      clientY: event.clientY,
      pointerId: event.pointerId,
      pointerType: event.pointerType,
    };
    event.target.dispatchEvent(new PointerEvent("pointermove", move));
    requestAnimationFrame(keepTooltipOnScreen);
  });
}

// Beside a finger near the edge of a phone's screen, Vega's tooltip would be
// placed partly off the screen: it is moved back, whole, within the screen.
function keepTooltipOnScreen() {
  const tooltip = document.getElementById("vg-tooltip-element");
  if (!tooltip || !tooltip.classList.contains("visible")) {
    return;
  }
  const margin = 8;
  const box = tooltip.getBoundingClientRect();
  const shift = box.left < margin ? margin - box.left : Math.min(0, window.innerWidth - margin - box.right);
  if (shift) {
    tooltip.style.left = `${parseFloat(tooltip.style.left || "0") + shift}px`;
  }
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
