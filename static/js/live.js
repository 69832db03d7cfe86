// Live team sessions: the big screen and the phones poll the session's state (a small JSON
// answer with an ETag; 304 when nothing changed). The screen updates its bars in place; when
// the dilemma, its reflection or the session's state changes, screen and phone reload the
// page, which the server renders as it is now. Works behind any proxy: plain requests.
"use strict";

(() => {
  const root = document.querySelector("[data-live]");
  if (!root) {
    return;
  }
  const url = root.dataset.stateUrl;
  const isScreen = root.dataset.live === "screen";
  const interval = isScreen ? 1000 : 2000;
  const shown = {
    state: root.dataset.state,
    position: Number(root.dataset.position),
    reflection: root.dataset.reflection === "1",
  };
  const announce = root.querySelector("[data-announce]");
  let etag = null;
  let lastAnnounced = Number(root.dataset.answers || 0);
  let lastAnnouncedAt = Date.now();

  function changedPage(state) {
    return (
      state.state !== shown.state ||
      state.position !== shown.position ||
      state.reflection !== shown.reflection
    );
  }

  function updateBars(state) {
    const total = state.answers;
    root.querySelectorAll("[data-total]").forEach((el) => {
      el.textContent = String(total);
    });
    root.querySelectorAll("[data-live-bars] [data-option]").forEach((bar) => {
      const count = state.options[bar.dataset.option] || 0;
      bar.querySelector("[data-count]").textContent = String(count);
      const progress = bar.querySelector("progress");
      progress.max = Math.max(total, 1);
      progress.value = count;
    });
    // Polite and not noisy: the number of answers at most every 15 seconds.
    if (announce && total !== lastAnnounced && Date.now() - lastAnnouncedAt > 15000) {
      announce.textContent = `${total}`;
      lastAnnounced = total;
      lastAnnouncedAt = Date.now();
    }
  }

  async function poll() {
    try {
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(url, { headers, cache: "no-store", credentials: "same-origin" });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        const state = await response.json();
        if (changedPage(state)) {
          window.location.reload();
          return;
        }
        if (isScreen) {
          updateBars(state);
        }
      }
    } catch (error) {
      // Offline for a moment: try again at the next tick.
    }
    window.setTimeout(poll, interval);
  }

  window.setTimeout(poll, interval);
})();
