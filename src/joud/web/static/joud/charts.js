/* Every chart of the platform (the money pages and the insights dashboards), drawn with the
   vendored Chart.js. A canvas names its JSON data island in ``data-chart-island`` (no inline
   script: the pages run under a strict CSP). The island carries the labels, each series' values
   as numbers in text with their formatted texts for tooltips, the page's direction and the
   locale its digits follow; optionally the chart's type ("bar" by default), ``horizontal`` and
   ``stacked``. A series names its legend label and colour itself, or by its ``key`` through the
   canvas's ``data-label-<key>`` and the palette below. Right-to-left pages get a mirrored
   category axis, legend and tooltips, and ticks in the page's own digits. Every chart has a
   table with the same figures beside it. */
(function () {
  "use strict";

  var PALETTE = { in: "#0b6e4f", out: "#c77d1a", given: "#0b6e4f" };

  function axes(data) {
    var digits = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 3 });
    var valueAxis = {
      beginAtZero: true,
      stacked: Boolean(data.stacked),
      ticks: {
        callback: function (value) {
          return digits.format(value);
        },
      },
    };
    var categoryAxis = { stacked: Boolean(data.stacked) };
    if (data.horizontal) {
      valueAxis.reverse = data.rtl;
      categoryAxis.position = data.rtl ? "right" : "left";
      return { x: valueAxis, y: categoryAxis };
    }
    categoryAxis.reverse = data.rtl;
    valueAxis.position = data.rtl ? "right" : "left";
    return { x: categoryAxis, y: valueAxis };
  }

  function draw(canvas) {
    var island = document.getElementById(canvas.getAttribute("data-chart-island"));
    if (!island || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(island.textContent);
    if (!data.labels.length) {
      return;
    }
    var narrow = window.matchMedia("(max-width: 576px)").matches;
    var chart = new window.Chart(canvas, {
      type: data.type || "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s) {
          var colour = s.colour || PALETTE[s.key];
          return {
            label: s.label || canvas.getAttribute("data-label-" + s.key),
            data: s.values.map(Number),
            texts: s.texts,
            backgroundColor: colour,
            borderColor: colour,
          };
        }),
      },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        // Bars on their side (the donor's categories): the fewer, the flatter the chart; one
        // series over the months (the donor's) is flatter on a desktop than two.
        aspectRatio: data.horizontal
          ? Math.max(narrow ? 1 : 2, (narrow ? 5 : 9) / Math.max(1, data.labels.length))
          : narrow
            ? 1.1
            : data.series.length > 1
              ? 2
              : 3,
        // Room for the slanted month names at the far end of a mirrored axis.
        layout: { padding: { left: data.horizontal ? 0 : 16 } },
        maintainAspectRatio: true,
        locale: data.locale,
        animation: false,
        scales: axes(data),
        plugins: {
          legend: {
            display: data.series.length > 1,
            rtl: data.rtl,
            textDirection: data.rtl ? "rtl" : "ltr",
          },
          tooltip: {
            rtl: data.rtl,
            textDirection: data.rtl ? "rtl" : "ltr",
            callbacks: {
              label: function (item) {
                return item.dataset.label + ": " + item.dataset.texts[item.dataIndex];
              },
            },
          },
        },
      },
    });
    canvas.setAttribute("data-drawn", String(chart.data.datasets.length));
  }

  function start() {
    document.querySelectorAll("canvas[data-chart-island]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
