// Registry: small improvements over pages that work without JavaScript.
(function () {
  'use strict';
  // Move focus to the error summary, so screen readers announce what went wrong.
  var summary = document.getElementById('error-summary');
  if (summary) {
    summary.focus();
  }

  // "Show the password": a box under each password field, so a long password can be checked as typed
  // (its text comes from the page, in the page's language).
  document.querySelectorAll('input[type=password][data-show-label]').forEach(function (field) {
    var box = document.createElement('div');
    box.className = 'form-check mt-1';
    var check = document.createElement('input');
    check.type = 'checkbox';
    check.className = 'form-check-input';
    check.id = field.id + '-show';
    var label = document.createElement('label');
    label.className = 'form-check-label';
    label.htmlFor = check.id;
    label.textContent = field.getAttribute('data-show-label');
    check.addEventListener('change', function () {
      field.type = check.checked ? 'text' : 'password';
    });
    box.appendChild(check);
    box.appendChild(label);
    field.insertAdjacentElement('afterend', box);
  });

  // A page that follows work in progress reloads itself every few seconds, with a button to stop
  // (its text from the page, in the page's language); without JavaScript the browser refreshes it.
  var main = document.getElementById('main');
  var seconds = main ? parseInt(main.getAttribute('data-refresh'), 10) : NaN;
  if (seconds > 0) {
    var timer = window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
    var stop = document.createElement('button');
    stop.type = 'button';
    stop.className = 'btn btn-sm btn-outline-secondary mb-2';
    stop.id = 'stop-refreshing';
    stop.textContent = main.getAttribute('data-refresh-stop');
    stop.addEventListener('click', function () {
      window.clearTimeout(timer);
      stop.remove();
    });
    main.insertBefore(stop, main.firstChild);
  }
})();
