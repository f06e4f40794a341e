// Passkeys (WebAuthn): the browser's half of adding one (second-factor page) and of signing in with one
// (sign-in page). Each is a normal form, hidden until this script finds a browser that can do it: the
// script asks the form's data-options-url for the ceremony's options (POST, the antiforgery token in a
// header), runs navigator.credentials.create or .get, puts the answer as JSON in the form's
// CredentialJson field and submits the form. The server checks everything; nothing here is trusted.
(function () {
  'use strict';
  var forms = document.querySelectorAll('form.passkey-ceremony');
  if (forms.length === 0) {
    return;
  }

  var supported = typeof window.PublicKeyCredential === 'function'
    && typeof window.PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
    && typeof window.PublicKeyCredential.parseRequestOptionsFromJSON === 'function'
    && !!navigator.credentials;
  var needsJavaScript = document.getElementById('passkey-needs-javascript');
  if (!supported) {
    if (needsJavaScript) {
      needsJavaScript.textContent = needsJavaScript.getAttribute('data-unsupported');
    }
    return;
  }
  if (needsJavaScript) {
    needsJavaScript.hidden = true;
  }

  function options(form) {
    var token = form.querySelector('input[name="__RequestVerificationToken"]');
    return fetch(form.getAttribute('data-options-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'RequestVerificationToken': token ? token.value : '' }
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      if (type.indexOf('application/json') !== 0) {
        throw new Error('The options did not come as JSON.');
      }
      return response.json().then(function (body) {
        if (!response.ok) {
          var problem = new Error('The options were refused.');
          problem.shown = body && body.message;
          throw problem;
        }
        return body;
      });
    });
  }

  function ceremony(form, json) {
    if (form.id === 'add-passkey') {
      return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
    }
    return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
  }

  Array.prototype.forEach.call(forms, function (form) {
    var credential = form.querySelector('input[name="CredentialJson"]');
    var status = form.querySelector('[data-passkey-status]');
    var button = form.querySelector('button[type="submit"]');
    var name = form.querySelector('input[name="Name"]');
    form.hidden = false;

    form.addEventListener('submit', function (event) {
      // An empty name goes to the server as it is, which says so beside the field.
      if (credential.value !== '' || (name && name.value.trim() === '')) {
        return;
      }
      event.preventDefault();
      button.disabled = true;
      status.textContent = '';
      options(form)
        .then(function (json) { return ceremony(form, json); })
        .then(function (made) {
          if (!made) {
            throw new Error('No passkey.');
          }
          credential.value = JSON.stringify(made.toJSON());
          form.submit();
        })
        .catch(function (problem) {
          status.textContent = (problem && problem.shown) || form.getAttribute('data-failed');
          button.disabled = false;
        });
    });
  });
})();
