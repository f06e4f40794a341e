// Registry: small improvements over pages that work without JavaScript.
(function () {
  'use strict';
  // Move focus to the error summary, so screen readers announce what went wrong.
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }
})();
