/*
 * Portal iSPEKS: the warning before the idle timeout (issue 14 item 3, WCAG 2.2.1 Timing
 * Adjustable). Progressive enhancement: without this file the session simply ends after the idle
 * time, and long forms say how long that is.
 *
 * The page says how many seconds its session has left (body[data-session-seconds]). Two minutes
 * before the end, the dialog #session-warning opens as a native modal: the focus moves to
 * "Kekal log masuk" and stays in the dialog, screen readers announce it (role=alertdialog with
 * its title and text). "Kekal log masuk" (or Escape) renews the session in the background with a
 * POST carrying the CSRF token, so nothing the user typed is lost; "Log keluar" logs out. If
 * nobody answers, the page goes to "Sesi telah tamat" when the session ends.
 */
(function () {
  'use strict';

  var WARN_BEFORE_SECONDS = 120;
  var dialog = document.getElementById('session-warning');
  var seconds = Number(document.body.getAttribute('data-session-seconds'));
  if (!dialog || typeof dialog.showModal !== 'function' || !(seconds > 0)) return;
  var renewForm = dialog.querySelector('form[data-session-renew]');
  var status = document.querySelector('[data-session-renewed]');
  var warnTimer = 0;
  var endTimer = 0;

  function schedule(secondsLeft) {
    window.clearTimeout(warnTimer);
    window.clearTimeout(endTimer);
    warnTimer = window.setTimeout(open, Math.max(0, secondsLeft - WARN_BEFORE_SECONDS) * 1000);
    endTimer = window.setTimeout(function () {
      window.location.assign('/sesi-tamat');
    }, secondsLeft * 1000);
  }

  function open() {
    if (dialog.open) return;
    dialog.showModal();
    var stay = renewForm.querySelector('button');
    if (stay) stay.focus();
  }

  function renew() {
    var body = new window.URLSearchParams(new window.FormData(renewForm));
    return window
      .fetch(renewForm.action, {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        redirect: 'manual',
        headers: { Accept: 'application/json' },
      })
      .then(function (res) {
        if (!res.ok) throw new Error('not renewed');
        return res.json();
      })
      .then(function (data) {
        dialog.close();
        schedule(Number(data.seconds) || 0);
        if (status) {
          status.textContent = '';
          status.textContent = status.getAttribute('data-text') || '';
        }
      })
      .catch(function () {
        // The session had already ended (or the server is out of reach): say so plainly.
        window.location.assign('/sesi-tamat');
      });
  }

  renewForm.addEventListener('submit', function (event) {
    event.preventDefault();
    renew();
  });
  // Escape means "not now", not "log me out": keep the session, as the main button does.
  dialog.addEventListener('cancel', function (event) {
    event.preventDefault();
    renew();
  });

  schedule(seconds);
})();
