// The preview under a Markdown field, refreshed while the editor types.
// Asks the server (values:preview) once typing pauses: the server renders with the same
// Markdown renderer and sanitiser as the published code, so the preview is what readers see.
"use strict";

(() => {
  const PAUSE_MS = 400;

  function setUp(panel) {
    const textarea = document.getElementById(panel.dataset.previewSource);
    const token = textarea?.form?.querySelector("input[name=csrfmiddlewaretoken]");
    if (!textarea || !token) {
      return;
    }
    const body = panel.querySelector("[data-preview=body]");
    const error = panel.querySelector("[data-preview=error]");
    let timer = null;
    let asked = textarea.value;
    let pending = null;

    function fail(message) {
      error.textContent = message;
      error.hidden = false;
    }

    async function ask() {
      const text = textarea.value;
      if (text === asked) {
        return;
      }
      asked = text;
      pending?.abort();
      pending = new AbortController();
      try {
        const response = await fetch(panel.dataset.previewUrl, {
          method: "POST",
          headers: { "X-CSRFToken": token.value },
          body: new URLSearchParams({ text }),
          credentials: "same-origin",
          signal: pending.signal,
        });
        const answer = await response.json();
        if (!response.ok) {
          fail(answer.error || panel.dataset.previewFailed);
          return;
        }
        error.hidden = true;
        // Sanitised HTML from the server's renderer (nh3), never the editor's raw text.
        body.innerHTML = answer.html || "";
      } catch (problem) {
        if (problem.name !== "AbortError") {
          asked = null;
          fail(panel.dataset.previewFailed);
        }
      }
    }

    textarea.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, PAUSE_MS);
    });
  }

  document.querySelectorAll("[data-preview-url]").forEach(setUp);
})();
