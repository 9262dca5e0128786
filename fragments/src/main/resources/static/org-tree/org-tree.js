/*
 * People team: <org-tree>, the organisation chart (org-tree).
 *
 * A vanilla custom element with an open shadow root; no framework, no build step.
 *   <org-tree data-api="/fragments/org-tree/api/org"></org-tree>
 * On connect it fetches {data-api} -> {"root": Node, "children": [Node]} and shows the company
 * with its departments. Clicking a unit that has children fetches {data-api}/{id} -> [Node] once
 * and shows them under it; clicking again collapses it. Every unit is an element with class
 * "node" and data-node-id; units with children are buttons with aria-expanded, and their
 * children's container exists only once the children have loaded.
 *
 * The stylesheet is org-tree.css next to this script (or, failing that, next to the API under
 * /assets/), linked inside the shadow root so that it styles nothing outside it.
 */
(function () {
  'use strict';

  var TAG = 'org-tree';
  var KIND_LABELS = { company: 'Company', department: 'Department', team: 'Team' };
  var scriptSource = document.currentScript && document.currentScript.src;

  function stylesheetUrl(api) {
    if (scriptSource) {
      return new URL('org-tree.css', scriptSource).href;
    }
    var match = /^(.*)\/api\/org\/?$/.exec(api || '');
    return match ? match[1] + '/assets/org-tree.css' : null;
  }

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

  function people(count) {
    return count === 1 ? '1 person' : count + ' people';
  }

  function fetchJson(url, signal) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status + ' from ' + url);
        }
        return response.json();
      });
  }

  class OrgTree extends HTMLElement {

    static get observedAttributes() {
      return ['data-api'];
    }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: 'open' });
      this._controller = null;
      this._onClick = this._onClick.bind(this);
    }

    connectedCallback() {
      this._root.addEventListener('click', this._onClick);
      this._load();
    }

    disconnectedCallback() {
      this._root.removeEventListener('click', this._onClick);
      this._abort();
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (this.isConnected && oldValue !== null && oldValue !== newValue) {
        this._load();
      }
    }

    get api() {
      return (this.getAttribute('data-api') || '').replace(/\/+$/, '');
    }

    _abort() {
      if (this._controller) {
        this._controller.abort();
      }
      this._controller = typeof AbortController === 'function' ? new AbortController() : null;
    }

    _signal() {
      return this._controller ? this._controller.signal : undefined;
    }

    _load() {
      this._abort();
      var api = this.api;
      this._root.textContent = '';
      var href = stylesheetUrl(api);
      if (href) {
        var link = el('link');
        link.rel = 'stylesheet';
        link.href = href;
        this._root.appendChild(link);
      }
      var tree = el('div', 'tree');
      var status = el('p', 'status', 'Loading the organisation\u2026');
      status.setAttribute('role', 'status');
      tree.appendChild(status);
      this._root.appendChild(tree);
      this.setAttribute('aria-busy', 'true');

      var self = this;
      fetchJson(api, this._signal())
        .then(function (overview) {
          var list = el('ul', 'level');
          var item = self._renderNode(overview.root);
          list.appendChild(item);
          self._showChildren(item, overview.children);
          tree.replaceChild(list, status);
        })
        .catch(function (error) {
          if (error && error.name === 'AbortError') {
            return;
          }
          tree.replaceChild(self._error('The organisation chart could not be loaded.', error, true), status);
        })
        .then(function () {
          self.removeAttribute('aria-busy');
        });
    }

    _renderNode(node) {
      var item = el('li', 'item');
      var label;
      if (node.hasChildren) {
        label = el('button', 'node');
        label.type = 'button';
        label.setAttribute('aria-expanded', 'false');
      } else {
        label = el('div', 'node leaf');
      }
      label.setAttribute('data-node-id', node.id);
      label.setAttribute('data-kind', node.kind);
      if (node.hasChildren) {
        label.appendChild(el('span', 'toggle')).setAttribute('aria-hidden', 'true');
      }
      label.appendChild(el('span', 'name', node.name));
      label.appendChild(el('span', 'kind', KIND_LABELS[node.kind] || node.kind));
      label.appendChild(el('span', 'count', people(node.headcount)));
      item.appendChild(label);
      return item;
    }

    _showChildren(item, nodes) {
      var button = item.querySelector(':scope > .node');
      var children = el('ul', 'children');
      children.id = 'org-children-' + button.getAttribute('data-node-id');
      children.setAttribute('aria-label', button.querySelector('.name').textContent);
      for (var i = 0; i < nodes.length; i++) {
        children.appendChild(this._renderNode(nodes[i]));
      }
      item.appendChild(children);
      button.setAttribute('aria-controls', children.id);
      button.setAttribute('aria-expanded', 'true');
    }

    _onClick(event) {
      var button = event.target.closest('button.node');
      if (button) {
        this._toggle(button);
        return;
      }
      if (event.target.closest('button.retry')) {
        this._load();
      }
    }

    _toggle(button) {
      var item = button.parentElement;
      var children = item.querySelector(':scope > .children');
      if (children) {
        var expanded = button.getAttribute('aria-expanded') === 'true';
        children.hidden = expanded;
        button.setAttribute('aria-expanded', String(!expanded));
        return;
      }
      if (button.getAttribute('aria-busy') === 'true') {
        return;
      }
      var previousError = item.querySelector(':scope > .error');
      if (previousError) {
        item.removeChild(previousError);
      }
      var id = button.getAttribute('data-node-id');
      var name = button.querySelector('.name').textContent;
      var self = this;
      button.setAttribute('aria-busy', 'true');
      fetchJson(this.api + '/' + encodeURIComponent(id), this._signal())
        .then(function (nodes) {
          self._showChildren(item, nodes);
        })
        .catch(function (error) {
          if (error && error.name === 'AbortError') {
            return;
          }
          item.appendChild(self._error('Could not load the units of ' + name + '. Click it to try again.', error, false));
        })
        .then(function () {
          button.removeAttribute('aria-busy');
        });
    }

    _error(text, error, withRetry) {
      var message = el('p', 'error', text);
      message.setAttribute('role', 'alert');
      if (withRetry) {
        var retry = el('button', 'retry', 'Try again');
        retry.type = 'button';
        message.appendChild(document.createTextNode(' '));
        message.appendChild(retry);
      }
      if (window.console) {
        console.warn('org-tree: ' + (error && error.message ? error.message : error));
      }
      return message;
    }
  }

  if (!customElements.get(TAG)) {
    customElements.define(TAG, OrgTree);
  }
})();
