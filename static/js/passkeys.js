// Passkeys: the browser's WebAuthn prompt for our login and account pages.
// The server (py_webauthn through django-otp-webauthn) makes the options and checks the
// answers; this file only carries them between it and navigator.credentials.
// Elements with data-passkey-login or data-passkey-register start hidden and show up
// only where the browser can do passkeys; pages work without this file.
(function () {
  "use strict";

  if (!window.PublicKeyCredential || !navigator.credentials) return;

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withIds(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
    } catch (e) {
      return "";
    }
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body || {}),
    }).then(function (response) {
      if (response.redirected) {
        // Logged out meanwhile: the server sent us to the login page. Go there.
        window.location.assign(response.url);
        return new Promise(function () {});
      }
      return response.json().then(function (data) {
        if (!response.ok) {
          var error = new Error(data.detail || "Something went wrong. Try again.");
          error.reload = data.reload;
          throw error;
        }
        return data;
      });
    });
  }

  function creationOptions(options) {
    return Object.assign({}, options, {
      challenge: toBytes(options.challenge),
      user: Object.assign({}, options.user, { id: toBytes(options.user.id) }),
      excludeCredentials: withIds(options.excludeCredentials),
    });
  }

  function requestOptions(options) {
    return Object.assign({}, options, {
      challenge: toBytes(options.challenge),
      allowCredentials: withIds(options.allowCredentials),
    });
  }

  // A credential as JSON, with the fields its kind of response carries, base64url-encoded.
  function asJson(credential, fields) {
    var response = {};
    fields.forEach(function (name) {
      var value = credential.response[name];
      response[name] = value ? toText(value) : null;
    });
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: response,
    };
  }

  function created(credential) {
    var json = asJson(credential, ["clientDataJSON", "attestationObject"]);
    var getTransports = credential.response.getTransports;
    json.response.transports = getTransports ? credential.response.getTransports() : [];
    return json;
  }

  function asserted(credential) {
    return asJson(credential, ["clientDataJSON", "authenticatorData", "signature", "userHandle"]);
  }

  // A cancelled prompt is the person's choice, not a fault: say so gently.
  function problem(error) {
    if (error && error.name === "NotAllowedError") {
      return "The passkey prompt was closed or timed out. Try again when you're ready.";
    }
    if (error && error.name === "InvalidStateError") {
      return "This device already holds a passkey for your account.";
    }
    return (error && error.message) || "Something went wrong. Try again.";
  }

  function run(box, ceremony) {
    var button = box.querySelector("[data-passkey-button]");
    var status = box.querySelector("[data-passkey-status]");
    button.disabled = true;
    status.textContent = "Waiting for your passkey…";
    ceremony()
      .then(function (data) {
        status.textContent = "Done. One moment…";
        window.location.assign(data.next);
      })
      .catch(function (error) {
        if (error && error.reload) {
          window.location.reload();
          return;
        }
        status.textContent = problem(error);
        button.disabled = false;
      });
  }

  function nextField() {
    var field = document.querySelector("input[name='next']");
    return field ? field.value : "";
  }

  document.querySelectorAll("[data-passkey-login]").forEach(function (box) {
    box.hidden = false;
    box.querySelector("[data-passkey-button]").addEventListener("click", function () {
      run(box, function () {
        return post(box.dataset.begin)
          .then(function (options) {
            return navigator.credentials.get({ publicKey: requestOptions(options) });
          })
          .then(function (credential) {
            return post(box.dataset.complete, { credential: asserted(credential), next: nextField() });
          });
      });
    });
  });

  document.querySelectorAll("[data-passkey-register]").forEach(function (box) {
    box.hidden = false;
    var unsupported = document.querySelector("[data-passkey-unsupported]");
    if (unsupported) unsupported.hidden = true;
    box.querySelector("[data-passkey-button]").addEventListener("click", function () {
      var name = box.querySelector("[data-passkey-name]").value;
      run(box, function () {
        return post(box.dataset.begin)
          .then(function (options) {
            return navigator.credentials.create({ publicKey: creationOptions(options) });
          })
          .then(function (credential) {
            return post(box.dataset.complete, { credential: created(credential), name: name });
          });
      });
    });
  });
})();
