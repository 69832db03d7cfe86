// The readability figures beside a norm text, refreshed while the editor types.
// Asks the server (norms:readability) once typing pauses (live-preview.js), so the polite
// live region around the figures speaks after a pause, not on every keystroke.
"use strict";

(() => {
  const PAUSE_MS = 600;

  function setUp(panel) {
    const part = (name) => panel.querySelector(`[data-readability="${name}"]`);
    const decimal = new Intl.NumberFormat(document.documentElement.lang || undefined, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      useGrouping: false,
    });

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

    window.livePreview(document.getElementById(panel.dataset.readabilitySource), {
      url: panel.dataset.readabilityUrl,
      pauseMs: PAUSE_MS,
      // A refusal (400) says why; any other failure gets the general message.
      onAnswer(response, answer) {
        show(response.ok || answer.error ? answer : { error: panel.dataset.readabilityFailed });
      },
      onFailure() {
        show({ error: panel.dataset.readabilityFailed });
      },
    });
  }

  document.querySelectorAll("[data-readability-url]").forEach(setUp);
})();
