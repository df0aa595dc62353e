/**
 * The dashboard's one script, served at /dashboard.js (the pages' CSP allows scripts from the
 * server only, none inline). It keeps a page current without reloading it, so the reader keeps
 * their place: every few seconds it asks the page's live endpoint (`data-live-src`) for the parts,
 * sending the last ETag (answered 304 when nothing changed), and replaces only the sections whose
 * `data-live` hash differs. Open <details> and the focused element inside a replaced section are
 * restored. It pauses while the tab is hidden and slows down after failures. Without it, the page
 * is a complete plain page.
 *
 * `window.sdpDashboard` counts polls and swaps (for tests and the curious).
 */
export const DASHBOARD_SCRIPT = `'use strict';
(function () {
  var root = document.querySelector('[data-live-src]');
  if (!root || !window.fetch || !window.JSON) return;
  var src = root.getAttribute('data-live-src');
  var every = Math.max(1000, parseInt(root.getAttribute('data-live-every'), 10) || 5000);
  var failedText = root.getAttribute('data-live-failed') || '';
  var status = document.getElementById('live-status');
  var etag = null;
  var failures = 0;
  var timer = null;
  var busy = false;
  var info = (window.sdpDashboard = { polls: 0, swaps: 0, lastError: null });

  function say(text) {
    if (status && text && status.textContent !== text) status.textContent = text;
  }

  function swap(id, markup) {
    var old = document.getElementById(id);
    if (!old) return false;
    var tpl = document.createElement('template');
    tpl.innerHTML = markup;
    var next = tpl.content.firstElementChild;
    if (!next) return false;
    var open = [];
    old.querySelectorAll('details[open][id]').forEach(function (d) { open.push(d.id); });
    var active = document.activeElement;
    var focusId = active && active.id && old.contains(active) ? active.id : null;
    old.replaceWith(next);
    open.forEach(function (d) { var el = document.getElementById(d); if (el) el.open = true; });
    if (focusId) { var f = document.getElementById(focusId); if (f && f.focus) f.focus({ preventScroll: true }); }
    return true;
  }

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
  }

  function tick() {
    if (busy) return;
    if (document.hidden) { schedule(every); return; }
    busy = true;
    info.polls++;
    var headers = { accept: 'application/json' };
    if (etag) headers['if-none-match'] = etag;
    fetch(src, { headers: headers, cache: 'no-store', credentials: 'same-origin' })
      .then(function (res) {
        if (res.status === 304) return null;
        if (!res.ok) throw new Error('HTTP ' + res.status);
        etag = res.headers.get('etag');
        return res.json();
      })
      .then(function (data) {
        failures = 0;
        info.lastError = null;
        if (!data) return;
        var changed = 0;
        Object.keys(data.parts || {}).forEach(function (id) {
          var el = document.getElementById(id);
          if (el && el.getAttribute('data-live') === data.hashes[id]) return;
          if (swap(id, data.parts[id])) changed++;
        });
        info.swaps += changed;
        if (changed) say(data.updated);
      })
      .catch(function (err) {
        failures++;
        info.lastError = String(err && err.message || err);
        say(failedText);
      })
      .then(function () {
        busy = false;
        schedule(Math.min(every * Math.pow(2, failures), 60000));
      });
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) schedule(0);
  });
  schedule(every);
})();
`;
