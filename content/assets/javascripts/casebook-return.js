/* "Back to your results" (issue 15). On the finder, remember its address with the reader's
   filters (the query) in sessionStorage, for this tab only; on a case page, point the
   breadcrumb's way back at it. Kept apart from casebook-filter.js so the finder's script can
   change freely: this one only reads location.href on the finder page. */
(function () {
  "use strict";
  var KEY = "casebook:finder-url";
  var FINDER = "/case-studies/index.html";
  var store;
  try { store = window.sessionStorage; } catch (e) { return; }  // storage may be disabled
  if (!store) { return; }

  function isFinder(url) {
    return url.protocol === location.protocol && url.host === location.host &&
      url.pathname.slice(-FINDER.length) === FINDER;
  }

  if (isFinder(location)) {
    var remember = function () {
      try { store.setItem(KEY, location.href); } catch (e) { /* full or refused: no way back */ }
    };
    remember();
    // The finder rewrites its address as filters change: read it again on the way out.
    document.addEventListener("click", remember, true);
    window.addEventListener("pagehide", remember);
    return;
  }

  var back = document.querySelector("[data-cb-back]");
  var saved = store.getItem(KEY);
  if (!back || !saved) { return; }
  var url;
  try { url = new URL(saved); } catch (e) { return; }
  if (!isFinder(url)) { return; }  // only ever a link to our own finder
  back.href = url.href;
  // The words come from the page, in its edition's language (templates/_trail.html).
  back.textContent = back.getAttribute("data-cb-back-text") || back.textContent;
})();
