/*
 * Portal iSPEKS: progressive enhancement only. Every page works without this file.
 *
 * - [data-error-summary]: focused on load, so screen readers announce the errors; its links
 *   move the focus to the field they name.
 * - [data-print]: prints the page on click (elements marked hidden are shown once JS runs).
 * - [data-reveal-password="<input id>"]: a button that shows or hides a password; optional
 *   data-label-show / data-label-hide swap its text (it is hidden until JS runs if marked hidden).
 * - form[data-confirm="<question>"]: asks before submitting (staff actions such as resets).
 */
(function () {
  'use strict';

  function focusErrorSummary() {
    const summary = document.querySelector('[data-error-summary]');
    if (!summary) return;
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    summary.focus();

    summary.addEventListener('click', function (event) {
      const link = event.target instanceof window.Element ? event.target.closest('a[href^="#"]') : null;
      if (!link) return;
      const id = decodeURIComponent(link.getAttribute('href').slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target) return;
      event.preventDefault();
      // Bring the label (or the fieldset legend) into view with the field, then focus the field.
      const label = document.querySelector('label[for="' + window.CSS.escape(id) + '"]');
      const fieldset = target.closest('fieldset');
      const legend = fieldset ? fieldset.querySelector('legend') : null;
      const anchor = legend || label || target;
      anchor.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    });
  }

  function enablePrintButtons() {
    document.querySelectorAll('[data-print][hidden]').forEach(function (el) {
      el.removeAttribute('hidden');
    });
    document.addEventListener('click', function (event) {
      const trigger = event.target instanceof window.Element ? event.target.closest('[data-print]') : null;
      if (!trigger) return;
      event.preventDefault();
      window.print();
    });
  }

  function enablePasswordReveal() {
    document.querySelectorAll('[data-reveal-password]').forEach(function (button) {
      const targetId = button.getAttribute('data-reveal-password');
      let input = targetId ? document.getElementById(targetId) : null;
      if (!input) {
        const field = button.closest('.field');
        input = field ? field.querySelector('input[type="password"]') : null;
      }
      if (!input) return;

      const showLabel = button.getAttribute('data-label-show') || button.textContent.trim();
      const hideLabel = button.getAttribute('data-label-hide') || showLabel;
      if (button.tagName === 'BUTTON' && !button.hasAttribute('type')) button.setAttribute('type', 'button');
      if (input.id) button.setAttribute('aria-controls', input.id);
      button.setAttribute('aria-pressed', 'false');
      button.removeAttribute('hidden');

      button.addEventListener('click', function (event) {
        event.preventDefault();
        const reveal = input.type === 'password';
        input.type = reveal ? 'text' : 'password';
        button.setAttribute('aria-pressed', reveal ? 'true' : 'false');
        button.textContent = reveal ? hideLabel : showLabel;
        input.focus();
      });

      // Never let a revealed password be submitted or left on screen as text.
      if (input.form) {
        input.form.addEventListener('submit', function () {
          input.type = 'password';
        });
      }
    });
  }

  function enableConfirmations() {
    document.addEventListener('submit', function (event) {
      const form = event.target;
      if (!(form instanceof window.HTMLFormElement)) return;
      const question = form.getAttribute('data-confirm');
      if (question && !window.confirm(question)) event.preventDefault();
    });
  }

  function start() {
    document.documentElement.classList.add('js');
    focusErrorSummary();
    enablePrintButtons();
    enablePasswordReveal();
    enableConfirmations();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
