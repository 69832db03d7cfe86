// The readability figures beside a norm text, refreshed while the editor types.
// Asks the server (norms:readability) once typing pauses, so the polite live region
// around the figures speaks after a pause, not on every keystroke.
"use strict";

(() => {
  const PAUSE_MS = 600;

  function setUp(panel) {
    const textarea = document.getElementById(panel.dataset.readabilitySource);
    const token = textarea?.form?.querySelector("input[name=csrfmiddlewaretoken]");
    if (!textarea || !token) {
      return;
    }
    const part = (name) => panel.querySelector(`[data-readability="${name}"]`);
    const decimal = new Intl.NumberFormat(document.documentElement.lang || undefined, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      useGrouping: false,
    });
    let timer = null;
    let asked = textarea.value;
    let pending = null;

    function show(answer) {
      const hasScore = answer.score !== null && answer.score !== undefined;
      part("error").hidden = !answer.error;
      part("error").textContent = answer.error || "";
      part("empty").hidden = hasScore || Boolean(answer.error);
      part("figures").hidden = !hasScore;
      part("hint").hidden = !answer.above_b1;
      part("hint").textContent = answer.above_b1 ? answer.hint : "";
      if (hasScore) {
        part("score").textContent = decimal.format(answer.score);
        part("band").textContent = answer.band;
        part("words").textContent = String(answer.words);
        part("words_per_sentence").textContent = decimal.format(answer.words_per_sentence);
      }
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
        const response = await fetch(panel.dataset.readabilityUrl, {
          method: "POST",
          headers: { "X-CSRFToken": token.value },
          body: new URLSearchParams({ text }),
          credentials: "same-origin",
          signal: pending.signal,
        });
        const answer = await response.json();
        // A refusal (400) says why; any other failure gets the general message.
        show(response.ok || answer.error ? answer : { error: panel.dataset.readabilityFailed });
      } catch (error) {
        if (error.name !== "AbortError") {
          asked = null;
          show({ error: panel.dataset.readabilityFailed });
        }
      }
    }

    textarea.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(ask, PAUSE_MS);
    });
  }

  document.querySelectorAll("[data-readability-url]").forEach(setUp);
})();
