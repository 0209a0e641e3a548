// The admin's autocomplete boxes (select2) name their combobox only by the chosen value, so an empty one has no
// accessible name. Each one is also labelled by its field's own <label> (the visible label, or an inline cell's
// visually hidden one), so a screen reader hears "Career, combobox" before any value is chosen.
(function () {
  "use strict";

  function nameComboboxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      var container = document.getElementById("select2-" + select.id + "-container");
      var combobox = container && container.closest("[role=combobox]");
      if (!label || !combobox) {
        return;
      }
      label.id = label.id || select.id + "-label";
      combobox.setAttribute("aria-labelledby", label.id + " " + container.id);
      // The chosen value inside is text read as part of the combobox's name, not a second, unnamed field.
      container.removeAttribute("role");
      container.removeAttribute("aria-readonly");
    });
  }

  // select2 starts on jQuery's ready and on each new inline row, at moments this file cannot know, so each change
  // to the page (a handful of boxes to look at) is followed by one pass.
  var queued = false;
  new MutationObserver(function () {
    if (queued) {
      return;
    }
    queued = true;
    window.setTimeout(function () {
      queued = false;
      nameComboboxes(document);
    }, 0);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
