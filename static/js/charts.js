// Draws every [data-chart] element from the figure JSON in its data-figure attribute
// (not json_script: htmx drops <script> elements from swapped content here).
// Loaded only on chart pages, after plotly.js. The numbers are also in a table on the
// page, open until a chart is drawn, so nothing is lost without this file.
(function () {
  "use strict";

  var INK = "currentColor"; // patterns/charts/axis.py marks lines that take the page's text colour
  if (!window.Plotly) return; // plotly.js did not load: the tables still have the numbers
  document.documentElement.classList.add("charts-on");

  function colours(el) {
    var style = getComputedStyle(el);
    return { text: style.color, line: style.getPropertyValue("--line").trim() || "#888888" };
  }

  // Fonts, grid and INK lines follow the page's CSS, so the chart reads in light and dark mode.
  function themed(fig, c) {
    var layout = fig.layout;
    layout.font = Object.assign({}, layout.font, { color: c.text });
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        Object.assign(layout[key], { gridcolor: c.line, linecolor: c.line, zerolinecolor: c.line });
      }
    });
    fig.data.forEach(function (trace) {
      if (trace.line && trace.line.color === INK) trace.line.color = c.text;
      if (trace.marker && trace.marker.color === INK) trace.marker.color = c.text;
    });
    return fig;
  }

  // A click on a bar segment lists that week's entries in that category.
  function showEntries(el, url) {
    var target = el.dataset.entriesTarget && document.querySelector(el.dataset.entriesTarget);
    if (!target || !window.htmx) {
      window.location.assign(url);
      return;
    }
    window.htmx.ajax("GET", url, { target: target, swap: "innerHTML" });
  }

  function draw(el) {
    if (!window.Plotly || el._fullLayout || !el.dataset.figure) return; // not ready, or drawn
    el.textContent = ""; // a copy restored from htmx's history cache is only a picture
    var fig = themed(JSON.parse(el.dataset.figure), colours(el));
    // On a phone the legend wraps to many rows: let it take the room it needs (the chart
    // is taller there, see almost.css) rather than scroll inside the picture.
    if (fig.layout.legend && el.clientWidth < 560) fig.layout.legend.maxheight = 1;
    window.Plotly.newPlot(el, fig.data, fig.layout, {
      responsive: true,
      displaylogo: false,
      displayModeBar: false,
    }).then(function () { foldNumbers(el); }); // a chart that failed to draw keeps its table
    el.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      if (point && point.customdata) showEntries(el, point.customdata);
    });
  }

  // The table comes open, for a page without script; beside a drawn chart it folds away,
  // once: a redraw leaves it as the person set it.
  function foldNumbers(el) {
    var figure = el.closest(".chart-block");
    var numbers = figure && figure.querySelector("details[data-fold-with-chart]");
    if (!numbers) return;
    numbers.open = false;
    numbers.removeAttribute("data-fold-with-chart");
  }

  function drawAll() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }

  function redrawAll() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      if (el._fullLayout) window.Plotly.purge(el);
      draw(el);
    });
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  // After the settle step, not afterSwap: settling resets classes that plotly sets.
  document.addEventListener("htmx:afterSettle", function (event) {
    drawAll();
    var heading = event.target.querySelector && event.target.querySelector("#week-entries-heading");
    if (heading) heading.focus();
  });
  document.addEventListener("htmx:historyRestore", redrawAll);
  if (window.matchMedia) {
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawAll);
  }
})();
