// Suggestions as you type (WAI-ARIA combobox with a listbox popup). htmx fills the listbox;
// this file only adds the keyboard and screen-reader behaviour. Without it the form still searches.
(function () {
  "use strict";

  function setup(box) {
    var input = box.querySelector("[role=combobox]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[data-combobox-status]");
    var active = -1;

    function options() { return Array.prototype.slice.call(list.querySelectorAll("[role=option]")); }

    function open(show) {
      var count = options().length;
      var visible = show && count > 0;
      list.hidden = !visible;
      input.setAttribute("aria-expanded", visible ? "true" : "false");
      if (!visible) { choose(-1); }
      return count;
    }

    function choose(index) {
      var all = options();
      all.forEach(function (option, n) { option.setAttribute("aria-selected", n === index ? "true" : "false"); });
      active = index;
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(option) { if (option && option.dataset.href) { window.location.assign(option.dataset.href); } }

    list.addEventListener("htmx:afterSwap", function () {
      var count = open(document.activeElement === input && input.value.trim().length >= 2);
      choose(-1);
      status.textContent = count ? count + (count === 1 ? " suggestion" : " suggestions") +
        ". Use the up and down arrows to choose, Enter to open." : "";
    });

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) { return; }
        event.preventDefault();
        open(true);
        var next = event.key === "ArrowDown" ? active + 1 : active - 1;
        choose(next >= all.length ? 0 : next < 0 ? all.length - 1 : next);
      } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        go(all[active]);
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); open(false); } else { input.value = ""; }
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(function () { open(false); }, 150); });
    input.addEventListener("focus", function () { if (input.value.trim().length >= 2) { open(true); } });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      go(option);
    });
  }

  function start() { Array.prototype.forEach.call(document.querySelectorAll("[data-combobox]"), setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
