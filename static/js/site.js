// Small enhancements for pages htmx updates in place. Every page works without this file.
(function () {
  "use strict";

  // After a page change ("Next page", "Previous page"), "Show roles" or a filter change (a zone ticked, a
  // sort chosen) brings new results through htmx, move focus to the results heading, as a full page load
  // would put the reader at the top of the new content; the form says so beforehand. Typing in the search
  // box keeps the focus there (an "input" event), so the visitor can go on typing.
  var MOVES_FOCUS = { click: true, submit: true, change: true };

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
