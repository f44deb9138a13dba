/*
 * Casebook's own stand-in for Web Workers when a page is opened from file://.
 *
 * Browsers refuse `new Worker(...)` for file:// pages, so Material's search would never
 * start offline. This runs the worker script in a hidden same-origin iframe instead and
 * passes messages both ways. Material's offline plugin adds a shim from a CDN unless a
 * polyfill whose URL contains "iframe-worker" is listed, hence this file's name.
 * Over http(s) it does nothing.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function IframeWorker(url) {
    var worker = this;
    this.onmessage = null;
    this.onerror = null;
    this._listeners = { message: [], error: [] };
    this._pending = [];
    this._ready = false;

    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "Search worker";
    (document.body || document.documentElement).appendChild(frame);
    this._frame = frame;

    var scope = frame.contentWindow;
    // What the worker posts comes back to the page as a message event.
    scope.postMessage = function (data) {
      setTimeout(function () { worker._emit("message", { data: data }); }, 0);
    };
    scope.importScripts = function () {
      throw new Error("importScripts is not available offline");
    };
    var script = scope.document.createElement("script");
    script.src = new URL(url, document.baseURI).href;
    script.onload = function () {
      worker._ready = true;
      worker._pending.splice(0).forEach(function (data) { worker.postMessage(data); });
    };
    script.onerror = function (event) { worker._emit("error", event); };
    scope.document.head.appendChild(script);
  }

  IframeWorker.prototype.postMessage = function (data) {
    if (!this._ready) { this._pending.push(data); return; }
    var scope = this._frame.contentWindow;
    scope.dispatchEvent(new scope.MessageEvent("message", { data: data }));
  };
  IframeWorker.prototype.addEventListener = function (type, listener) {
    (this._listeners[type] = this._listeners[type] || []).push(listener);
  };
  IframeWorker.prototype.removeEventListener = function (type, listener) {
    var list = this._listeners[type] || [];
    var index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
  };
  IframeWorker.prototype.terminate = function () {
    if (this._frame.parentNode) this._frame.parentNode.removeChild(this._frame);
  };
  IframeWorker.prototype._emit = function (type, event) {
    var handler = this["on" + type];
    if (typeof handler === "function") handler.call(this, event);
    (this._listeners[type] || []).slice().forEach(function (listener) {
      listener.call(this, event);
    }, this);
  };

  window.Worker = IframeWorker;
})();
