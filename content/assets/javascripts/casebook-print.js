/* "Print or save as PDF" (issue 15): the button is hidden in the page and shown only here, so
   without scripts nobody meets a button that does nothing (the text names Ctrl+P instead). */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-cb-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
