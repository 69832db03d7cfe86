// The one loop behind every live panel beside a textarea: once typing pauses, send the text
// to the server and hand its answer to the panel. markdown-preview.js (the preview) and
// readability.js (the readability figures) use it; each says where to ask and what to show.
"use strict";

// Watch `textarea`; after `pauseMs` without typing, POST its text to `url` (with the form's
// CSRF token) and call `onAnswer(response, answer)` with the JSON answer, or `onFailure()`
// when no answer came. A newer question cancels an older one still on its way, and the
// same text is not asked twice in a row. Returns false when there is nothing to watch.
window.livePreview = (textarea, { url, pauseMs, onAnswer, onFailure }) => {
  const token = textarea?.form?.querySelector("input[name=csrfmiddlewaretoken]");
  if (!textarea || !token) {
    return false;
  }
  let timer = null;
  let asked = textarea.value;
  let pending = null;

  async function ask() {
    const text = textarea.value;
    if (text === asked) {
      return;
    }
    asked = text;
    pending?.abort();
    pending = new AbortController();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "X-CSRFToken": token.value },
        body: new URLSearchParams({ text }),
        credentials: "same-origin",
        signal: pending.signal,
      });
      onAnswer(response, await response.json());
    } catch (problem) {
      if (problem.name !== "AbortError") {
        asked = null; // ask again on the next keystroke, even for the same text
        onFailure();
      }
    }
  }

  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, pauseMs);
  });
  return true;
};
