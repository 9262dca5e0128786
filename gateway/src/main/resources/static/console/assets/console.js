// Live updates for the console: the server sends every fragment's row once a second (server-sent
// events); each row's cells are updated in place. Without JavaScript the page is a correct snapshot.
(function () {
  var table = document.querySelector('[data-live]');
  var rows = document.querySelectorAll('[data-fragment-row]');
  if (!rows.length || !window.EventSource) { return; }
  var status = document.querySelector('[data-live-status]');
  var source = new EventSource('/console/events');
  source.addEventListener('fragments', function (event) {
    var list = JSON.parse(event.data);
    list.forEach(function (row) {
      document.querySelectorAll('[data-fragment-row="' + CSS.escape(row.name) + '"]').forEach(function (element) {
        set(element, 'version', row.version || '–');
        set(element, 'p50', row.p50);
        set(element, 'p95', row.p95);
        set(element, 'errorRate', row.errorRate);
        set(element, 'cacheHitRate', row.cacheHitRate);
        set(element, 'lastFailure', row.lastFailure);
        var breaker = element.querySelector('[data-cell="breaker"]');
        if (breaker) {
          var state = breaker.querySelector('.state');
          state.className = 'state state-' + row.breaker.replace(/ /g, '-');
          state.children[0].textContent = row.breakerIcon;
          state.children[1].textContent = row.breaker;
        }
        var line = element.querySelector('[data-cell="sparkline"]');
        if (line) { line.setAttribute('points', row.sparkline); }
      });
    });
    if (status) { status.textContent = 'Live: updated ' + utc(new Date()) + '.'; }
  });
  source.onerror = function () { if (status) { status.textContent = 'Live updates paused; retrying.'; } };
  // The console's one time format (ConsoleTime): 2026-12-07 20:31:05 UTC, whatever the browser's zone or locale.
  function utc(date) { return date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC'; }
  function set(element, cell, value) {
    var target = element.querySelector('[data-cell="' + cell + '"]');
    if (target && target.textContent !== value) { target.textContent = value; }
  }
  if (table) { table.setAttribute('aria-busy', 'false'); }
})();
