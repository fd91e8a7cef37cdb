/* The insights dashboards' charts. Each canvas names its JSON data island (no inline script:
   the pages run under a strict CSP); the island carries labels, series as numbers in text with
   their formatted texts for tooltips, and the page's direction. Right-to-left pages get a
   mirrored category axis, legend and tooltips, and ticks in the page's own digits. Every chart
   has a table with the same figures beside it. */
(function () {
  "use strict";

  function draw(canvas) {
    var island = document.getElementById(canvas.getAttribute("data-chart-island"));
    if (!island || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(island.textContent);
    if (!data.labels.length) {
      return;
    }
    var digits = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 3 });
    var narrow = window.matchMedia("(max-width: 576px)").matches;
    var valueAxis = {
      beginAtZero: true,
      stacked: data.stacked,
      ticks: {
        callback: function (value) {
          return digits.format(value);
        },
      },
    };
    var categoryAxis = { stacked: data.stacked };
    var scales = {};
    if (data.horizontal) {
      valueAxis.reverse = data.rtl;
      categoryAxis.position = data.rtl ? "right" : "left";
      scales = { x: valueAxis, y: categoryAxis };
    } else {
      categoryAxis.reverse = data.rtl;
      valueAxis.position = data.rtl ? "right" : "left";
      scales = { x: categoryAxis, y: valueAxis };
    }
    var chart = new window.Chart(canvas, {
      type: data.type,
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s) {
          return {
            label: s.label,
            data: s.values.map(Number),
            texts: s.texts,
            backgroundColor: s.colour,
            borderColor: s.colour,
          };
        }),
      },
      options: {
        indexAxis: data.horizontal ? "y" : "x",
        aspectRatio: narrow ? 1.1 : 2,
        maintainAspectRatio: true,
        locale: data.locale,
        animation: false,
        scales: scales,
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
    document.querySelectorAll("canvas.insights-chart").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
