// The charts of a study, shared by report.html and the live dashboard: hpoCharts.of(data) gives
// the ECharts option of each chart kind for one snapshot of the page data (ReportWriter's JSON).
(function () {
  'use strict';
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac'];
  // best (dark red) to worst (blue) for the colour by value
  var GOOD_TO_BAD = ['#a50026', '#f46d43', '#fee090', '#74add1', '#313695'];
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function fmt(v) {
    if (v === null || v === undefined || !isFinite(v)) { return ''; }
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) { return v.toExponential(3); }
    return String(+v.toPrecision(6));
  }
  // a log axis when all values are positive and spread over a wide range
  function wantsLog(values, ratio) {
    if (values.length === 0) { return false; }
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    return lo > 0 && hi / lo >= ratio;
  }
  function title(text) {
    return { text: text, left: 'center', textStyle: { fontSize: 14, fontWeight: 'normal' } };
  }
  function valueAxis(values, name) {
    return { type: wantsLog(values, 100) ? 'log' : 'value', scale: true, name: name,
      nameLocation: 'middle', nameGap: 50 };
  }
  function paddedAxis(values, name) {
    var axis = valueAxis(values, name);
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    if (axis.type === 'log') {
      axis.min = lo / 1.2;
      axis.max = hi * 1.2;
    } else {
      var pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(lo) * 0.1, 1);
      axis.min = lo - pad;
      axis.max = hi + pad;
    }
    // the padded ends are not round numbers: label the ticks between them only
    axis.axisLabel = { formatter: function (v) { return fmt(v); }, showMinLabel: false, showMaxLabel: false };
    return axis;
  }
  function configLabel(r) { return '(' + r.iteration + ',' + r.bracket + ',' + r.index + ')'; }
  // how many sampled pixels of the element's canvases are not transparent
  function paintedPixels(el) {
    var count = 0;
    Array.prototype.forEach.call(el.querySelectorAll('canvas'), function (c) {
      var pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (var i = 3; i < pixels.length; i += 4 * 5) {
        if (pixels[i] > 0) { count++; }
      }
    });
    return count;
  }

  function of(data) {
    var minimize = data.study.direction === 'MINIMIZE';
    var budgetName = data.study.budgetName;
    var finished = data.rows.filter(function (r) { return r.state === 'FINISHED'; });
    function isBetter(a, b) { return minimize ? a < b : a > b; }
    function paramIndex(name) {
      for (var i = 0; i < data.params.length; i++) { if (data.params[i].name === name) { return i; } }
      throw new Error('unknown parameter ' + name);
    }

    function progressOption(key, axisName, heading) {
      var all = [];
      var series = data.progress.map(function (t, i) {
        var points = t.points.filter(function (p) { return p[key] !== null; });
        points.forEach(function (p) { all.push(p.best); });
        return {
          type: 'line', name: budgetName + ' ' + fmt(t.budget), step: 'end', symbolSize: 5, showSymbol: true,
          color: PALETTE[i % PALETTE.length],
          data: points.map(function (p) { return [p[key], p.best, p.job]; })
        };
      });
      return {
        title: title(heading),
        legend: { top: 24, type: 'scroll' },
        grid: { left: 70, right: 30, top: 64, bottom: 56 },
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            return esc(p.seriesName) + '<br>' + esc(axisName) + ': ' + fmt(p.value[0]) + '<br>best: ' + fmt(p.value[1])
              + (p.value[2] >= 0 ? '<br>job ' + p.value[2] : '');
          }
        },
        xAxis: { type: 'value', name: axisName, nameLocation: 'middle', nameGap: 30 },
        yAxis: valueAxis(all, 'best value'),
        series: series
      };
    }

    // budgets with some room at both ends, so points at the smallest and largest stay visible
    function budgetAxis(budgets) {
      var lo = Math.min.apply(null, budgets), hi = Math.max.apply(null, budgets);
      var axis = { name: budgetName, nameLocation: 'middle', nameGap: 30 };
      if (wantsLog(budgets, 3)) {
        axis.type = 'log';
        axis.logBase = 3;
        axis.min = lo / 1.5;
        axis.max = hi * 1.5;
        axis.axisLabel = { formatter: function (v) { return fmt(v); }, showMinLabel: false, showMaxLabel: false };
      } else {
        axis.type = 'value';
        var pad = hi > lo ? (hi - lo) * 0.05 : Math.max(1, Math.abs(lo) * 0.1);
        axis.min = lo - pad;
        axis.max = hi + pad;
        axis.axisLabel = { showMinLabel: false, showMaxLabel: false };
      }
      return axis;
    }

    function budgetOption() {
      var budgets = finished.map(function (r) { return r.budget; });
      var brackets = [];
      finished.forEach(function (r) { if (brackets.indexOf(r.bracket) < 0) { brackets.push(r.bracket); } });
      brackets.sort(function (a, b) { return a - b; });
      var series = [];
      brackets.forEach(function (bracket, i) {
        var color = PALETTE[i % PALETTE.length];
        var rows = finished.filter(function (r) { return r.bracket === bracket; });
        var byConfig = {};
        rows.forEach(function (r) {
          var key = configLabel(r);
          (byConfig[key] = byConfig[key] || []).push(r);
        });
        var paths = [];
        Object.keys(byConfig).forEach(function (key) {
          var path = byConfig[key].slice().sort(function (a, b) { return a.rung - b.rung; });
          if (path.length > 1) {
            paths.push({ coords: path.map(function (r) { return [r.budget, r.value]; }) });
          }
        });
        var name = 'bracket ' + bracket;
        series.push({
          type: 'lines', name: name, coordinateSystem: 'cartesian2d', polyline: true, silent: true, z: 1,
          lineStyle: { color: color, width: 1, opacity: 0.55 }, data: paths
        });
        series.push({
          type: 'scatter', name: name, color: color, symbolSize: 7, z: 2,
          data: rows.map(function (r) { return { value: [r.budget, r.value], job: r.id, config: configLabel(r), rung: r.rung }; })
        });
      });
      var failed = data.rows.filter(function (r) { return r.state === 'FAILED'; });
      if (failed.length > 0) {
        // failures have no value: mark them just above the largest one
        var values = finished.map(function (r) { return r.value; });
        var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
        var top = wantsLog(values, 100) ? hi * 1.5 : hi + Math.max(hi - lo, Math.abs(hi) * 0.1, 1e-9) * 0.08;
        series.push({
          type: 'scatter', name: 'failed', color: '#222', symbol: 'path://M0,0 L10,10 M10,0 L0,10', symbolSize: 9, z: 3,
          itemStyle: { borderColor: '#222', borderWidth: 2 },
          data: failed.map(function (r) {
            return { value: [r.budget, top], job: r.id, config: configLabel(r), rung: r.rung, failure: r.failure };
          })
        });
      }
      return {
        title: title('Value against ' + budgetName + ', by bracket; lines follow promotions'),
        legend: { top: 24, type: 'scroll' },
        grid: { left: 70, right: 30, top: 64, bottom: 56 },
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            return 'job ' + p.data.job + ', configuration ' + esc(p.data.config) + ', rung ' + p.data.rung
              + '<br>' + esc(budgetName) + ': ' + fmt(p.value[0])
              + (p.data.failure !== undefined ? '<br>failed: ' + esc(p.data.failure.slice(0, 300))
                : '<br>value: ' + fmt(p.value[1]));
          }
        },
        xAxis: budgetAxis(budgets),
        yAxis: valueAxis(finished.map(function (r) { return r.value; }), 'value'),
        series: series
      };
    }

    function curvesOption() {
      var withSteps = data.rows.filter(function (r) { return r.steps.length > 1; });
      var brackets = [];
      withSteps.forEach(function (r) { if (brackets.indexOf(r.bracket) < 0) { brackets.push(r.bracket); } });
      brackets.sort(function (a, b) { return a - b; });
      var values = [], steps = [];
      withSteps.forEach(function (r) {
        r.steps.forEach(function (s) { steps.push(s[0]); values.push(s[1]); });
      });
      var series = brackets.map(function (bracket, i) {
        return {
          type: 'lines', name: 'bracket ' + bracket, coordinateSystem: 'cartesian2d', polyline: true, silent: true,
          color: PALETTE[i % PALETTE.length], lineStyle: { width: 1, opacity: 0.6 },
          data: withSteps.filter(function (r) { return r.bracket === bracket; })
            .map(function (r) { return { coords: r.steps }; })
        };
      });
      return {
        title: title('Intermediate values of ' + withSteps.length + ' evaluations'),
        legend: { top: 24, type: 'scroll' },
        grid: { left: 70, right: 30, top: 64, bottom: 56 },
        xAxis: { type: wantsLog(steps, 30) ? 'log' : 'value', name: 'step', nameLocation: 'middle', nameGap: 30,
          min: Math.min.apply(null, steps), max: Math.max.apply(null, steps) },
        // a lines series does not widen the axes by itself: give them the data's range
        yAxis: paddedAxis(values, 'reported value'),
        series: series
      };
    }

    function parallelOption() {
      // each configuration at the largest budget it finished
      var last = {};
      finished.forEach(function (r) {
        var key = configLabel(r);
        if (!last[key] || r.budget > last[key].budget) { last[key] = r; }
      });
      var rows = Object.keys(last).map(function (k) { return last[k]; });
      // worst first, so the best lines are drawn on top
      rows.sort(function (a, b) { return isBetter(a.value, b.value) ? 1 : isBetter(b.value, a.value) ? -1 : 0; });
      var n = data.params.length;
      var axes = data.params.map(function (p, i) {
        if (p.kind === 'categorical') {
          return { dim: i, name: p.name, type: 'category', data: p.choices };
        }
        return { dim: i, name: p.name, type: p.log ? 'log' : 'value', min: p.lo, max: p.hi };
      });
      var budgets = rows.map(function (r) { return r.budget; });
      var budgetAxisOf = { dim: n, name: budgetName, type: wantsLog(budgets, 3) ? 'log' : 'value', logBase: 3, scale: true };
      if (budgets.length > 0 && Math.max.apply(null, budgets) > Math.min.apply(null, budgets)) {
        budgetAxisOf.min = Math.min.apply(null, budgets);
        budgetAxisOf.max = Math.max.apply(null, budgets);
      }
      axes.push(budgetAxisOf);
      axes.push({ dim: n + 1, name: 'value', type: 'value', scale: true });
      // quantiles from the page data: an outlier does not wash out the colours of the others
      var lo = data.colourRange[0], hi = data.colourRange[1];
      function clamp(v) { return Math.min(hi, Math.max(lo, v)); }
      return {
        title: title('Configurations, coloured by value'),
        parallel: { left: 50, right: 120, top: 70, bottom: 40,
          parallelAxisDefault: { nameLocation: 'end', nameGap: 16, nameTextStyle: { fontSize: 12 } } },
        parallelAxis: axes,
        visualMap: {
          type: 'continuous', dimension: n + 2, min: lo, max: hi, calculable: true, right: 10, top: 'middle',
          precision: 4, text: [minimize ? 'worse' : 'better', minimize ? 'better' : 'worse'],
          inRange: { color: minimize ? GOOD_TO_BAD : GOOD_TO_BAD.slice().reverse() }
        },
        series: [{
          type: 'parallel', lineStyle: { width: 1.2, opacity: 0.75 },
          data: rows.map(function (r) { return r.x.concat([r.budget, r.value, clamp(r.value)]); })
        }]
      };
    }

    function importanceOption() {
      var params = data.importance.params.slice().reverse();
      return {
        title: title('Importance at ' + budgetName + ' ' + fmt(data.importance.budget)
          + ' (' + data.importance.evaluations + ' evaluations'
          + (data.importance.reliable ? ')' : ', unreliable)')),
        grid: { left: 20, right: 60, top: 40, bottom: 40, containLabel: true },
        tooltip: { trigger: 'item', formatter: function (p) { return esc(p.name) + ': ' + p.value + ' %'; } },
        xAxis: { type: 'value', name: '% of variance', nameLocation: 'middle', nameGap: 26, min: 0 },
        yAxis: { type: 'category', data: params.map(function (p) { return p.name; }) },
        series: [{
          type: 'bar', color: PALETTE[0], label: { show: true, position: 'right', formatter: '{c} %' },
          data: params.map(function (p) { return +(100 * p.importance).toFixed(1); })
        }]
      };
    }

    function effectOption(name) {
      var i = paramIndex(name);
      var p = data.params[i];
      var estimate = data.importance.params.filter(function (q) { return q.name === name; })[0];
      var rows = finished.filter(function (r) { return r.budget === data.importance.budget && r.x[i] !== null; });
      var categorical = p.kind === 'categorical';
      var xAxis = categorical
        ? { type: 'category', data: p.choices, name: name, nameLocation: 'middle', nameGap: 30 }
        : { type: p.log ? 'log' : 'value', min: p.lo, max: p.hi, name: name, nameLocation: 'middle', nameGap: 30 };
      var values = rows.map(function (r) { return r.value; });
      estimate.effect.forEach(function (e) { values.push(e.predicted); });
      return {
        title: title(name + ': ' + (100 * estimate.importance).toFixed(1) + ' % of variance'),
        legend: { top: 24 },
        grid: { left: 70, right: 30, top: 64, bottom: 56 },
        tooltip: {
          trigger: 'item',
          formatter: function (q) {
            return esc(q.seriesName) + '<br>' + esc(name) + ': ' + esc(categorical ? q.value[0] : fmt(q.value[0]))
              + '<br>value: ' + fmt(q.value[1]);
          }
        },
        xAxis: xAxis,
        yAxis: valueAxis(values, 'value'),
        series: [
          { type: 'scatter', name: 'evaluations', color: PALETTE[0], symbolSize: 6,
            data: rows.map(function (r) { return [r.x[i], r.value]; }) },
          { type: 'line', name: 'estimated main effect', color: PALETTE[2], showSymbol: categorical, smooth: false,
            data: estimate.effect.map(function (e) { return [categorical ? e.label : e.value, e.predicted]; }) }
        ]
      };
    }

    function optionFor(el) {
      switch (el.getAttribute('data-chart')) {
        case 'progress-cost': return progressOption('cost', 'cumulative cost', 'Best value so far against cost');
        case 'progress-time': return progressOption('seconds', 'wall time (s)', 'Best value so far against wall time');
        case 'budget': return budgetOption();
        case 'curves': return curvesOption();
        case 'parallel': return parallelOption();
        case 'importance': return importanceOption();
        case 'effect': return effectOption(el.getAttribute('data-parameter'));
        case 'pareto': return paretoOption(+el.getAttribute('data-x'), +el.getAttribute('data-y'));
        case 'hypervolume': return hypervolumeOption();
        default: throw new Error('unknown chart kind ' + el.getAttribute('data-chart'));
      }
    }

    // several objectives: objective x against objective y, front as a line, infeasible as crosses
    function paretoOption(x, y) {
      var p = data.pareto;
      var name = function (k) {
        return p.objectives[k].name + (p.objectives[k].direction === 'MAXIMIZE' ? ' (max)' : ' (min)');
      };
      var point = function (q) { return { value: [q.values[x], q.values[y]], job: q.job, budget: q.budget }; };
      var front = p.points.filter(function (q) { return q.front; }).map(point)
        .sort(function (a, b) { return a.value[0] - b.value[0]; });
      var feasible = p.points.filter(function (q) { return q.feasible && !q.front; }).map(point);
      var infeasible = p.points.filter(function (q) { return !q.feasible; }).map(point);
      var xs = p.points.map(function (q) { return q.values[x]; });
      var ys = p.points.map(function (q) { return q.values[y]; });
      return {
        title: title(name(x) + ' against ' + name(y)),
        legend: { top: 28 },
        grid: { top: 70, left: 70, right: 20, bottom: 50 },
        tooltip: { trigger: 'item', formatter: function (q) {
          return 'job ' + q.data.job + ' at budget ' + fmt(q.data.budget) + '<br>' + esc(name(x)) + ' ' + fmt(q.data.value[0])
            + '<br>' + esc(name(y)) + ' ' + fmt(q.data.value[1]);
        } },
        xAxis: paddedAxis(xs, name(x)),
        yAxis: paddedAxis(ys, name(y)),
        series: [
          { name: 'feasible', type: 'scatter', symbolSize: 7, data: feasible, itemStyle: { opacity: 0.6 } },
          { name: 'infeasible', type: 'scatter', symbol: 'path://M0,0L10,10M10,0L0,10', symbolSize: 8,
            itemStyle: { borderColor: '#c0392b', borderWidth: 2, color: 'none' }, data: infeasible },
          { name: 'Pareto front', type: 'line', step: false, symbolSize: 9, lineStyle: { width: 2 }, data: front }
        ]
      };
    }

    function hypervolumeOption() {
      var points = data.pareto.hypervolume;
      return {
        title: title('Hypervolume of the front against cost'),
        grid: { top: 50, left: 70, right: 20, bottom: 50 },
        tooltip: { trigger: 'axis' },
        xAxis: valueAxis(points.map(function (q) { return q[0]; }), 'cumulative cost'),
        yAxis: valueAxis(points.map(function (q) { return q[1]; }), 'hypervolume'),
        series: [{ type: 'line', step: 'end', showSymbol: false, data: points }]
      };
    }

    return { option: optionFor };
  }

  window.hpoCharts = { of: of, esc: esc, fmt: fmt, paintedPixels: paintedPixels };
})();
