// The live dashboard: receives the study's state as server-sent events (polling /api/snapshot
// where EventSource is missing or refused) and fills the page in. Every user string (study name,
// configuration values, failure messages) goes in as text (textContent), never as markup; the
// charts are the report's (charts.js). The body's data-version is the last state shown.
(function () {
  'use strict';
  var RECENT = 100; // the ended evaluations listed, newest first
  var FAILURE_CHARS = 300;
  var POLL_MS = 2000;
  var fmt = hpoCharts.fmt;
  var instances = {};
  var last = null;
  var receivedAt = 0;
  var shownJobs = null;

  function byId(id) { return document.getElementById(id); }
  function text(id, value) { byId(id).textContent = value; }
  function cell(row, value, className) {
    var td = document.createElement('td');
    td.textContent = value;
    if (className) { td.className = className; }
    row.appendChild(td);
    return td;
  }
  function duration(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) { return ''; }
    var s = Math.round(seconds);
    if (s < 60) { return s + ' s'; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + ' min ' + (s % 60) + ' s'; }
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }
  function configuration(data, row) {
    var parts = [];
    data.params.forEach(function (p, i) {
      var v = row.x[i];
      if (v !== null) { parts.push(p.name + ' = ' + (p.kind === 'categorical' ? v : fmt(v))); }
    });
    return parts.join(', ');
  }
  function firstLine(s) {
    var line = String(s).split('\n')[0];
    return line.length > FAILURE_CHARS ? line.slice(0, FAILURE_CHARS) + '…' : line;
  }
  function time(ms) { return ms === null ? '' : new Date(ms).toLocaleTimeString(); }

  function summary(snapshot) {
    var dl = byId('summary');
    while (dl.firstChild) { dl.removeChild(dl.firstChild); }
    function item(term, value) {
      var dt = document.createElement('dt');
      dt.textContent = term;
      var dd = document.createElement('dd');
      dd.textContent = value;
      dl.appendChild(dt);
      dl.appendChild(dd);
      return dd;
    }
    var p = snapshot.progress;
    if (!p) { return; }
    var data = snapshot.charts;
    item('Optimizer', data.study.optimizer + ', ' + data.study.direction.toLowerCase() + ', seed ' + data.study.seed);
    item('Evaluations', p.done + (p.plannedEvaluations !== null ? ' of ' + (p.approximate ? '~' : '') + p.plannedEvaluations : '')
      + ' ended (' + p.finished + ' finished, ' + p.stopped + ' of them stopped early, ' + p.failed + ' failed), '
      + p.running + ' running' + (p.pending > 0 ? ', ' + p.pending + ' pending' : ''));
    item('Cost', fmt(p.cost) + (p.plannedCost !== null ? ' of ' + fmt(p.plannedCost) + ' planned' : '')
      + ' full evaluations');
    var elapsed = p.elapsedSeconds;
    var live = !snapshot.study.finished && p.running > 0 && elapsed !== null;
    if (live) { elapsed += (Date.now() - receivedAt) / 1000; }
    var left = p.remainingSeconds;
    if (live && left !== null) { left = Math.max(0, left - (Date.now() - receivedAt) / 1000); }
    item('Time', (elapsed === null ? 'not started' : duration(elapsed) + (live ? ' so far' : ''))
      + (left !== null && !snapshot.study.finished ? ', about ' + duration(left) + ' left' : '')
      + (snapshot.study.finished ? ' (the study has finished)' : ''));
    var best = snapshot.incumbent === null ? null
      : data.rows.filter(function (r) { return r.id === snapshot.incumbent; })[0];
    if (best) {
      item('Best value', fmt(best.value) + ' at ' + data.study.budgetName + ' ' + fmt(best.budget) + ' (job ' + best.id + ')')
        .id = 'best-value';
      item('Best configuration', configuration(data, best)).id = 'best-configuration';
    }
  }

  function runningTable(data) {
    var rows = data.rows.filter(function (r) { return r.state === 'RUNNING'; });
    var body = byId('running-table').tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-job', String(r.id));
      cell(tr, String(r.id), 'num');
      cell(tr, configuration(data, r));
      cell(tr, fmt(r.budget), 'num');
      cell(tr, r.start === null ? '' : duration((Date.now() - r.start) / 1000), 'num');
      cell(tr, String(r.steps.length), 'num');
      var lastStep = r.steps[r.steps.length - 1];
      cell(tr, lastStep ? fmt(lastStep[0]) + ': ' + fmt(lastStep[1]) : '', 'num');
      body.appendChild(tr);
    });
    byId('running-table').hidden = rows.length === 0;
    byId('running-none').hidden = rows.length > 0;
    var curves = rows.filter(function (r) { return r.steps.length > 1; });
    var running = Object.assign({}, data, { rows: curves });
    chart(byId('chart-running'), curves.length > 0, running);
  }

  function recentTable(data) {
    var ended = data.rows.filter(function (r) { return r.state === 'FINISHED' || r.state === 'FAILED'; });
    ended.sort(function (a, b) { return (b.end || 0) - (a.end || 0) || b.id - a.id; });
    var body = byId('recent-table').tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    var seen = {};
    ended.slice(0, RECENT).forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-job', String(r.id));
      tr.className = r.state === 'FAILED' ? 'failed' : r.stopped ? 'stopped' : 'finished';
      if (shownJobs !== null && !shownJobs[r.id]) { tr.className += ' fresh'; }
      cell(tr, String(r.id), 'num');
      cell(tr, r.state === 'FAILED' ? 'failed' : r.stopped ? 'stopped early' : 'finished');
      cell(tr, configuration(data, r));
      cell(tr, fmt(r.budget), 'num');
      cell(tr, fmt(r.value), 'num');
      cell(tr, fmt(r.cost), 'num');
      cell(tr, time(r.end), 'num');
      var failure = cell(tr, r.failure === null ? '' : firstLine(r.failure), 'failure');
      if (r.failure !== null) { failure.title = String(r.failure).slice(0, 4000); }
      body.appendChild(tr);
    });
    ended.forEach(function (r) { seen[r.id] = true; });
    shownJobs = seen;
    byId('recent-table').hidden = ended.length === 0;
    byId('recent-note').textContent = ended.length === 0 ? 'None yet.'
      : ended.length > RECENT ? 'The ' + RECENT + ' latest of ' + ended.length + '; the full report lists all.'
      : 'Newest first.';
  }

  // draws (or redraws in place) one chart of the report's kinds from this state's data
  function chart(el, show, data) {
    el.hidden = !show;
    if (!show) { return; }
    try {
      var option = hpoCharts.of(data).option(el);
      option.animation = false;
      var instance = instances[el.id];
      if (!instance) {
        instance = instances[el.id] = echarts.init(el, null, { renderer: 'canvas' });
        instance.on('finished', function () { el.setAttribute('data-rendered', 'true'); });
        window.addEventListener('resize', function () { instance.resize(); });
      }
      instance.setOption(option, true);
    } catch (e) {
      window.hpoReportError('chart ' + el.id + ': ' + (e && e.stack ? e.stack : e));
    }
  }

  function charts(data) {
    var anyFinished = data.rows.some(function (r) { return r.state === 'FINISHED'; });
    chart(byId('chart-progress-cost'), anyFinished, data);
    chart(byId('chart-budget'), anyFinished, data);
    var pareto = byId('pareto');
    pareto.hidden = !data.pareto;
    if (data.pareto) {
      var grid = byId('pareto-charts');
      var m = data.pareto.objectives.length;
      if (grid.children.length === 0) {
        for (var i = 0; i < m; i++) {
          for (var j = i + 1; j < m; j++) {
            var div = document.createElement('div');
            div.className = 'chart';
            div.id = 'chart-pareto-' + i + '-' + j;
            div.setAttribute('data-chart', 'pareto');
            div.setAttribute('data-x', String(i));
            div.setAttribute('data-y', String(j));
            grid.appendChild(div);
          }
        }
      }
      var anyPoint = data.pareto.points.length > 0;
      Array.prototype.forEach.call(grid.children, function (el) { chart(el, anyPoint, data); });
      chart(byId('chart-hypervolume'), data.pareto.hypervolume.length > 0, data);
    }
  }

  function render(snapshot) {
    last = snapshot;
    receivedAt = Date.now();
    document.body.setAttribute('data-version', String(snapshot.version));
    text('study-name', snapshot.study.name);
    document.title = 'hpo4j dashboard: ' + snapshot.study.name;
    text('location', snapshot.study.location);
    var error = byId('store-error');
    error.hidden = snapshot.study.error === null;
    error.textContent = snapshot.study.error === null ? '' : 'Cannot read the store: ' + snapshot.study.error
      + ' (shown: the last state read; trying again)';
    summary(snapshot);
    if (snapshot.charts) {
      runningTable(snapshot.charts);
      recentTable(snapshot.charts);
      charts(snapshot.charts);
    }
  }

  function live(state, label) {
    var el = byId('live');
    el.className = 'live ' + state;
    el.textContent = label;
    document.body.setAttribute('data-transport', state === 'on' ? transport : state);
  }

  var transport = 'events';
  function poll() {
    transport = 'polling';
    fetch('/api/snapshot', { cache: 'no-store' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (s) { live('on', 'live (polling)'); if (!last || s.version !== last.version) { render(s); } })
      .catch(function () { live('off', 'disconnected, retrying'); })
      .then(function () { setTimeout(poll, POLL_MS); });
  }

  function connect() {
    if (!window.EventSource) { poll(); return; }
    var source = new EventSource('/api/events');
    var opened = false;
    source.addEventListener('snapshot', function (e) {
      opened = true;
      live('on', 'live');
      render(JSON.parse(e.data));
    });
    source.onerror = function () {
      if (!opened) {
        // refused (too many pages have streams open, or a proxy drops them): poll instead
        source.close();
        poll();
      } else {
        live('off', 'reconnecting');
      }
    };
  }

  // the times on the page move on between states
  setInterval(function () { if (last) { summary(last); } }, 1000);
  connect();
})();
