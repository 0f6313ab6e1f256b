// mentornet: start Det Fælles Designsystem's components once the page is parsed.
// Loaded as an external file so the Content-Security-Policy needs no inline script.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});
// Move focus to content swapped in by htmx that asks for it (error summaries, results headings).
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target.querySelector("[data-focus-after-swap]");
  if (target) {
    target.focus();
  }
});
