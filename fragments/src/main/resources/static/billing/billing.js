/*
 * Billing team: the billing summary (billing).
 *
 * The gateway puts this script in the page's <head>, possibly before the fragment's markup has
 * arrived, so it waits for the document and then fills every `.billing-summary[data-api]` from
 * that element's own API URL. Data is written with textContent only, never as HTML.
 */
(function () {
  'use strict';

  var CURRENCY_SIGNS = { EUR: '\u20AC', USD: '$', GBP: '\u00A3' };

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function fact(label, valueClass, value, note) {
    var wrapper = el('div', 'billing-fact');
    wrapper.appendChild(el('dt', null, label));
    var dd = el('dd', valueClass, value);
    if (note) {
      dd.appendChild(note);
    }
    wrapper.appendChild(dd);
    return wrapper;
  }

  function formatDate(isoDate) {
    var date = new Date(isoDate + 'T00:00:00Z');
    if (isNaN(date.getTime())) {
      return isoDate;
    }
    return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  }

  function formatAmount(invoice) {
    var sign = CURRENCY_SIGNS[invoice.currency];
    return sign ? sign + invoice.amount : invoice.amount + ' ' + invoice.currency;
  }

  function seatsNote(seats) {
    var share = seats.total > 0 ? Math.min(1, seats.used / seats.total) : 0;
    var note = el('span', 'billing-note', (seats.total - seats.used) + ' seats free');
    var bar = el('span', 'billing-seats-bar');
    bar.setAttribute('role', 'presentation');
    var fill = el('span', 'billing-seats-fill' + (share >= 0.9 ? ' is-nearly-full' : ''));
    fill.style.width = Math.round(share * 100) + '%';
    bar.appendChild(fill);
    var holder = document.createDocumentFragment();
    holder.appendChild(note);
    holder.appendChild(bar);
    return holder;
  }

  function render(section, summary) {
    var facts = el('dl', 'billing-facts');
    facts.appendChild(fact('Plan', 'billing-plan', summary.plan));
    facts.appendChild(fact('Seats', 'billing-seats', summary.seats.used + ' of ' + summary.seats.total + ' used',
      seatsNote(summary.seats)));
    facts.appendChild(fact('Next invoice', 'billing-invoice', formatAmount(summary.nextInvoice),
      el('span', 'billing-note', 'on ' + formatDate(summary.nextInvoice.date))));
    facts.appendChild(fact('Payment method', 'billing-payment', summary.paymentMethod));
    replaceBody(section, facts);
    section.setAttribute('data-state', 'loaded');
  }

  function fail(section, reason) {
    var message = el('p', 'billing-error', 'Billing details are unavailable right now. Please try again later.');
    message.setAttribute('role', 'alert');
    replaceBody(section, message);
    section.setAttribute('data-state', 'error');
    if (window.console) {
      console.warn('billing: could not load ' + section.getAttribute('data-api') + ': ' + reason);
    }
  }

  function replaceBody(section, content) {
    var old = section.querySelector('.billing-loading, .billing-facts, .billing-error');
    if (old) {
      section.replaceChild(content, old);
    } else {
      section.appendChild(content);
    }
  }

  function load(section) {
    if (section.hasAttribute('data-state')) {
      return;
    }
    section.setAttribute('data-state', 'loading');
    section.setAttribute('aria-busy', 'true');
    fetch(section.getAttribute('data-api'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.json();
      })
      .then(function (summary) {
        render(section, summary);
      })
      .catch(function (error) {
        fail(section, error && error.message ? error.message : error);
      })
      .then(function () {
        section.removeAttribute('aria-busy');
      });
  }

  function start() {
    var sections = document.querySelectorAll('.billing-summary[data-api]');
    for (var i = 0; i < sections.length; i++) {
      load(sections[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
