// Employer look-up pop-up: as someone types, matches appear in a dialog under the field, each with
// a "Select" button that submits the same form the no-JavaScript results page uses.
// Keyboard: ArrowDown moves into the list, ArrowUp/ArrowDown between buttons, Escape closes.
(function () {
  'use strict';
  var form = document.getElementById('employer-search');
  var input = document.getElementById('Q');
  var dialog = document.getElementById('employer-dialog');
  if (!form || !input || !dialog || typeof dialog.show !== 'function') {
    return;
  }
  var list = document.getElementById('employer-dialog-list');
  var status = document.getElementById('employer-dialog-status');
  var closeButton = document.getElementById('employer-dialog-close');
  var url = form.getAttribute('data-lookup-url');
  var selectLabel = document.documentElement.lang === 'es' ? 'Seleccionar' : 'Select';
  var noneText = document.documentElement.lang === 'es' ? 'Ningún empleador coincide.' : 'No employer matches.';
  var timer = null;
  var last = '';

  function close() {
    if (dialog.open) {
      dialog.close();
    }
    input.setAttribute('aria-expanded', 'false');
  }

  function buttons() {
    return Array.prototype.slice.call(list.querySelectorAll('button'));
  }

  function render(data) {
    list.textContent = '';
    data.matches.forEach(function (match) {
      var item = document.createElement('li');
      item.className = 'd-flex justify-content-between align-items-start gap-2 border-bottom py-1';
      var text = document.createElement('div');
      var name = document.createElement('div');
      name.className = 'fw-semibold';
      name.textContent = match.name;
      var detail = document.createElement('div');
      detail.className = 'small';
      detail.textContent = match.description + (match.city ? ' · ' + match.city : '');
      text.appendChild(name);
      text.appendChild(detail);
      var button = document.createElement('button');
      button.type = 'submit';
      button.name = 'EmployerId';
      button.value = String(match.id);
      button.className = 'btn btn-sm btn-primary';
      button.textContent = selectLabel;
      button.setAttribute('aria-label', selectLabel + ' ' + match.name);
      item.appendChild(text);
      item.appendChild(button);
      list.appendChild(item);
    });
    status.textContent = data.total === 0 ? noneText : String(data.total);
    if (data.total === 0) {
      var empty = document.createElement('li');
      empty.textContent = noneText;
      list.appendChild(empty);
    }
    if (!dialog.open) {
      dialog.show();
    }
    input.setAttribute('aria-expanded', 'true');
  }

  function lookup() {
    var q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    if (q === last && dialog.open) {
      return;
    }
    last = q;
    fetch(url + '?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && input.value.trim() === q) {
          render(data);
        }
      })
      .catch(function () { /* the Search button still works */ });
  }

  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookup, 250);
  });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' && dialog.open && buttons().length) {
      event.preventDefault();
      buttons()[0].focus();
    } else if (event.key === 'Escape') {
      close();
    }
  });
  dialog.addEventListener('keydown', function (event) {
    var all = buttons();
    var index = all.indexOf(document.activeElement);
    if (event.key === 'ArrowDown' && index < all.length - 1) {
      event.preventDefault();
      all[index + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index > 0) { all[index - 1].focus(); } else { input.focus(); }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
      input.focus();
    }
  });
  closeButton.addEventListener('click', function () { close(); input.focus(); });
})();
