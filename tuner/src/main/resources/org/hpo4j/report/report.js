// Draws the report's charts from the JSON in #report-data (with charts.js) and makes the table sortable.
// Each chart marks its element with data-rendered="true" and data-painted=<pixels drawn> once
// ECharts has finished drawing it; #status says when all of them are done.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = hpoCharts.of(data);

  var status = document.getElementById('status');
  var containers = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var rendered = 0;

  function updateStatus() {
    status.setAttribute('data-expected', String(containers.length));
    status.setAttribute('data-rendered', String(rendered));
    if (rendered === containers.length) {
      status.setAttribute('data-complete', 'true');
      status.textContent = 'All ' + containers.length + ' charts rendered.';
    } else {
      status.textContent = rendered + ' of ' + containers.length + ' charts rendered.';
    }
  }

  function draw(el, option) {
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    var done = false;
    chart.on('finished', function () {
      if (done) { return; }
      done = true;
      el.setAttribute('data-painted', String(hpoCharts.paintedPixels(el)));
      el.setAttribute('data-rendered', 'true');
      rendered++;
      updateStatus();
    });
    option.animation = false;
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }

  updateStatus();
  containers.forEach(function (el) {
    try {
      draw(el, charts.option(el));
    } catch (e) {
      window.hpoReportError('chart ' + el.id + ': ' + (e && e.stack ? e.stack : e));
    }
  });

  // sorting the table: numbers by data-sort, text otherwise; blanks last either way. A link to
  // report.html#sort=<heading>:asc (or :desc) opens the table sorted.
  var table = document.getElementById('evaluations');
  if (table) {
    var headings = table.tHead.rows[0].cells;
    var sortBy = function (column, ascending) {
      Array.prototype.forEach.call(headings, function (h) { h.removeAttribute('aria-sort'); });
      headings[column].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var ca = a.cells[column], cb = b.cells[column];
        var ka = ca.getAttribute('data-sort'), kb = cb.getAttribute('data-sort');
        var ta = ca.textContent, tb = cb.textContent;
        var blankA = ka === null && ta === '', blankB = kb === null && tb === '';
        if (blankA || blankB) { return blankA === blankB ? 0 : blankA ? 1 : -1; }
        var c = ka !== null && kb !== null ? parseFloat(ka) - parseFloat(kb) : ta.localeCompare(tb);
        return ascending ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    };
    Array.prototype.forEach.call(headings, function (th, column) {
      th.addEventListener('click', function () { sortBy(column, th.getAttribute('aria-sort') !== 'ascending'); });
    });
    var requested = /^#sort=(.+):(asc|desc)$/.exec(location.hash);
    if (requested) {
      var name = decodeURIComponent(requested[1]);
      var column = Array.prototype.map.call(headings, function (h) { return h.textContent; }).indexOf(name);
      if (column < 0) { throw new Error('#sort names no column: ' + name); }
      sortBy(column, requested[2] === 'asc');
    }
  }
})();
