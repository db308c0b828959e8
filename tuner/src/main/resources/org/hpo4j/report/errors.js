// Collects script errors into #errors, as text, so a reader (and the browser test) sees them.
(function () {
  var box = document.getElementById('errors');
  function show(text) {
    box.hidden = false;
    box.appendChild(document.createTextNode(text + '\n'));
  }
  window.addEventListener('error', function (e) {
    show('error: ' + (e.message || e.type) + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
  });
  window.addEventListener('unhandledrejection', function (e) {
    show('unhandled rejection: ' + e.reason);
  });
  window.hpoReportError = show;
})();
