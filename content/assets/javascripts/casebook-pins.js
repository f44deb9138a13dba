/* Map pins (pins.py) work without this script; it adds what <details> lacks: Escape closes
   an open pin's card and puts focus back on its pin, and a tap elsewhere closes it. */
(function () {
  "use strict";
  if (!document.querySelector(".cb-pin__box")) { return; }
  function openPins() { return document.querySelectorAll(".cb-pin__box[open]"); }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = openPins();
    for (var i = 0; i < open.length; i++) {
      open[i].open = false;
      if (open[i].contains(document.activeElement)) { open[i].querySelector("summary").focus(); }
    }
  });
  document.addEventListener("click", function (event) {
    var open = openPins();
    for (var i = 0; i < open.length; i++) {
      if (!open[i].contains(event.target)) { open[i].open = false; }
    }
  });
})();
