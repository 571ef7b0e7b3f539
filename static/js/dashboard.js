/* Organiser dashboard: draws each chart from the JSON block the page carries (the same rows as the
   table beside it). Without JavaScript the tables still say everything. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var narrow = function () { return window.matchMedia("(max-width: 576px)").matches; };

  function column(t, i) { return t.rows.map(function (r) { return r[i]; }); }
  function num(v) { return typeof v === "number" ? v : 0; }
  var legend = { type: "scroll", top: 0 };
  var grid = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };
  var categoryLabel = { interval: 0, overflow: "truncate", width: 72, hideOverlap: true };

  function bars(t, horizontal) {
    var cats = column(t, 0);
    var series = (t.extra.series || []).map(function (i) {
      return { name: t.columns[i], type: "bar", data: column(t, i).map(num) };
    });
    var category = { type: "category", data: cats, axisLabel: categoryLabel };
    var value = { type: "value", minInterval: 1 };
    if (horizontal) { category.inverse = true; }
    return {
      tooltip: { trigger: "axis" }, legend: legend, grid: grid, series: series,
      xAxis: horizontal ? value : category, yAxis: horizontal ? category : value
    };
  }

  var builders = {
    events: function (t) {
      var months = column(t, 0);
      return {
        tooltip: { trigger: "axis" }, legend: legend, grid: grid,
        xAxis: { type: "category", data: months },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: t.columns[1], type: "bar", stack: "events", data: column(t, 1) },
          { name: t.columns[2], type: "bar", stack: "events", data: column(t, 2) },
          { name: t.columns[3], type: "line", data: column(t, 3) },
          { name: t.columns[4], type: "line", data: column(t, 4), symbol: "none", lineStyle: { type: "dashed" } }
        ]
      };
    },
    funnel: function (t) {
      // Bars, not a funnel shape: recommended pairs outnumber challenges many times over.
      return {
        tooltip: { trigger: "axis" }, grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: column(t, 0), inverse: true },
        series: [{
          type: "bar", data: column(t, 1).map(num), colorBy: "data",
          label: { show: true, position: "right" }
        }]
      };
    },
    bars: function (t) { return bars(t, false); },
    hbars: function (t) { return bars(t, true); },
    stacked: function (t) {
      var option = bars(t, false);
      option.series.forEach(function (s) { s.stack = "stage"; });
      (t.extra.apart || []).forEach(function (i) {
        option.series.push({ name: t.columns[i], type: "bar", data: column(t, i).map(num) });
      });
      return option;
    },
    heatmap: function (t) {
      var size = t.extra.size, cells = [], max = 0;
      var supply = t.columns.slice(1, size + 1);
      t.rows.forEach(function (r, y) {
        for (var x = 0; x < size; x++) {
          cells.push([x, y, r[x + 1]]);
          max = Math.max(max, r[x + 1]);
        }
      });
      return {
        tooltip: { position: "top" },
        grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
        xAxis: { type: "category", data: supply, axisLabel: { rotate: 45, interval: 0 }, splitArea: { show: true } },
        yAxis: { type: "category", data: column(t, 0), inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
        visualMap: { min: 0, max: Math.max(max, 1), calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120 },
        series: [{ type: "heatmap", data: cells, label: { show: !narrow() } }]
      };
    },
    gauge: function (t) {
      return {
        series: [{
          type: "gauge", min: 0, max: Math.max(t.extra.target, t.extra.total, 1),
          progress: { show: true }, axisLabel: { show: !narrow() },
          detail: { formatter: "{value} / " + t.extra.target, fontSize: 20 },
          data: [{ value: t.extra.total, name: t.extra.label }]
        }]
      };
    }
  };

  var charts = [];
  document.querySelectorAll("[data-chart]").forEach(function (box) {
    var table = data[box.getAttribute("data-chart")];
    var build = table && builders[table.chart];
    if (!build) return;
    var chart = echarts.init(box, null, { renderer: "canvas" });
    var option = build(table);
    option.animation = false;  // the numbers matter, not the motion
    chart.setOption(option);
    box.setAttribute("data-drawn", "1");
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
