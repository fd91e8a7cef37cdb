/* The money charts (the public money pages' month by month, the donor's space by month and by
   category): it reads its figures from the page's JSON data island (no inline script: the
   pages run under a strict CSP) and draws them with the vendored Chart.js. Right-to-left pages get a mirrored x axis, legend and tooltips, and
   ticks in the page's own digits. The table beside the chart holds the same figures. One
   series (the donor's) draws no legend; ``horizontal`` lays the bars on their side. */
(function () {
  "use strict";

  function draw(canvas) {
    var island = document.getElementById(canvas.getAttribute("data-chart-island"));
    if (!island || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(island.textContent);
    var digits = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 3 });
    var colours = { in: "#0b6e4f", out: "#c77d1a", given: "#0b6e4f" };
    // A category chart lies on its side (data.horizontal): the amounts run along x.
    var across = data.horizontal ? "y" : "x";
    var along = data.horizontal ? "x" : "y";
    var scales = {};
    // Right to left: the months run from the right, the category names stand on the right,
    // and bars lying on their side grow leftwards.
    scales[across] = { reverse: data.rtl && !data.horizontal };
    if (data.horizontal) {
      scales[across].position = data.rtl ? "right" : "left";
    }
    scales[along] = {
      beginAtZero: true,
      reverse: data.rtl && !!data.horizontal,
      position: data.horizontal ? "bottom" : data.rtl ? "right" : "left",
      ticks: {
        callback: function (value) {
          return digits.format(value);
        },
      },
    };
    var narrow = window.matchMedia("(max-width: 576px)").matches;
    var chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s) {
          return {
            label: canvas.getAttribute("data-label-" + s.key),
            data: s.values.map(Number),
            texts: s.texts,
            backgroundColor: colours[s.key] || colours.in,
          };
        }),
      },
      options: {
        indexAxis: across,
        aspectRatio: data.horizontal ? (narrow ? 1 : 2.5) : narrow ? 1.1 : 2,
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
    document.querySelectorAll("canvas.money-chart").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
