// Site analytics, loaded only for visitors who opted in (and whose browser sends neither Do Not
// Track nor Global Privacy Control): when the page is left, one report of the path, the
// referring site, the time the page was visible and the language goes to this server alone.
'use strict';

(() => {
  let visible = document.visibilityState === 'visible' ? performance.now() : null;
  let shown = 0;
  let sent = false;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      visible = performance.now();
    } else if (visible !== null) {
      shown += performance.now() - visible;
      visible = null;
    }
  });
  window.addEventListener('pagehide', () => {
    if (sent) return;
    sent = true;
    if (visible !== null) shown += performance.now() - visible;
    const view = {path: location.pathname, referrer: document.referrer || null,
      durationMs: Math.round(shown), language: navigator.language || null};
    navigator.sendBeacon('/analytics/view', new Blob([JSON.stringify(view)], {type: 'application/json'}));
  });
})();
