// The preview under a Markdown field, refreshed while the editor types.
// Asks the server (values:preview) once typing pauses (live-preview.js): the server renders
// with the same Markdown renderer and sanitiser as the published code, so the preview is
// what readers see.
"use strict";

(() => {
  const PAUSE_MS = 400;

  function setUp(panel) {
    const body = panel.querySelector("[data-preview=body]");
    const error = panel.querySelector("[data-preview=error]");

    function fail(message) {
      error.textContent = message;
      error.hidden = false;
    }

    window.livePreview(document.getElementById(panel.dataset.previewSource), {
      url: panel.dataset.previewUrl,
      pauseMs: PAUSE_MS,
      onAnswer(response, answer) {
        if (!response.ok) {
          fail(answer.error || panel.dataset.previewFailed);
          return;
        }
        error.hidden = true;
        // Sanitised HTML from the server's renderer (nh3), never the editor's raw text.
        body.innerHTML = answer.html || "";
      },
      onFailure() {
        fail(panel.dataset.previewFailed);
      },
    });
  }

  document.querySelectorAll("[data-preview-url]").forEach(setUp);
})();
