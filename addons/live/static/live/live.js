// Live updates (POR-đ): the page's websocket says that something changed; the page then fetches
// its small fragment and swaps the regions marked data-live-region. When the socket cannot be
// used, the same fragment is fetched every POLL_MS. No inline script, no eval (CSP).
(() => {
  "use strict";
  const root = document.querySelector("[data-live-socket]");
  if (!root) {
    return;
  }
  const POLL_MS = 15000;
  const refreshUrl = root.dataset.liveRefresh || window.location.href;
  const socketUrl = (window.location.protocol === "https:" ? "wss://" : "ws://") +
    window.location.host + root.dataset.liveSocket;
  const seen = new Set();
  let pending = null;
  let poller = null;
  let retries = 0;
  let everOpen = false;

  function swap(html) {
    const fresh = new DOMParser().parseFromString(html, "text/html");
    fresh.querySelectorAll("[data-live-region]").forEach((source) => {
      const name = source.dataset.liveRegion;
      document.querySelectorAll(`[data-live-region="${name}"]`).forEach((target) => {
        if (target.innerHTML !== source.innerHTML) {
          target.innerHTML = source.innerHTML;
          target.classList.add("live-updated");
        }
      });
    });
  }

  function refresh() {
    if (pending) {
      return;
    }
    // A burst of messages gives one fetch.
    pending = setTimeout(() => {
      pending = null;
      fetch(refreshUrl, { credentials: "same-origin", headers: { "X-Live-Refresh": "1" } })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then(swap)
        .catch(() => {});
    }, 100);
  }

  function staleNotice(status) {
    // Forms on the page were made for the old status: say so rather than let them fail.
    if (!status || !root.dataset.status || status === root.dataset.status) {
      return;
    }
    if (root.dataset.liveStaleText && !document.querySelector("[data-live-stale]")) {
      const note = document.createElement("p");
      note.className = "alert live-stale";
      note.setAttribute("role", "status");
      note.dataset.liveStale = "";
      note.textContent = root.dataset.liveStaleText;
      root.prepend(note);
    }
  }

  function startPolling() {
    if (!poller) {
      poller = setInterval(refresh, POLL_MS);
    }
  }

  function stopPolling() {
    if (poller) {
      clearInterval(poller);
      poller = null;
    }
  }

  function connect() {
    let socket;
    try {
      socket = new WebSocket(socketUrl);
    } catch (error) {
      startPolling();
      return;
    }
    socket.addEventListener("open", () => {
      if (everOpen || retries > 0) {
        refresh(); // catch up on what happened while disconnected
      }
      everOpen = true;
      retries = 0;
      stopPolling();
      root.dataset.liveConnected = "true";
    });
    socket.addEventListener("message", (message) => {
      let data;
      try {
        data = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      if (data.event) {
        if (seen.has(data.event)) {
          return; // delivery is at least once
        }
        seen.add(data.event);
      }
      staleNotice(data.status);
      refresh();
    });
    socket.addEventListener("close", () => {
      root.dataset.liveConnected = "false";
      startPolling();
      retries += 1;
      setTimeout(connect, Math.min(60000, 1000 * 2 ** Math.min(retries, 6)));
    });
  }

  connect();
})();
