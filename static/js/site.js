// Small enhancements for pages htmx updates in place. Every page works without this file.
(function () {
  "use strict";

  // After "Next page", "Previous page" or "Show roles" brings new results through htmx, move focus to the
  // results heading, as a full page load would put the reader at the top of the new content. Typing in the
  // search box or ticking a zone keeps the focus where it is (the results region announces the new count).
  var MOVES_FOCUS = { click: true, submit: true };

  document.addEventListener("htmx:afterSettle", function (event) {
    var swapped = event.target;
    if (!swapped || swapped.id !== "results") { return; }
    var config = event.detail && event.detail.requestConfig;
    var trigger = config && config.triggeringEvent;
    if (!trigger || !MOVES_FOCUS[trigger.type]) { return; }
    var heading = document.getElementById("results-heading");
    if (heading) { heading.focus(); }
  });
})();
