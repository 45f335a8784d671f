// The translation review page: one language, every text in conversation order (missing ones first), approve or
// edit and approve, or type a missing text and save it.
// The server checks every save (placeholders, numbers, SMS segments, script); this page only shows what it says.
(() => {
  "use strict";
  const api = "/simulator/review/api";
  const $ = (id) => document.getElementById(id);
  const languageSelect = $("language");
  const reviewerInput = $("reviewer");
  const filterSelect = $("filter");
  const list = $("texts");
  const template = $("text-template");
  let sheet = null;

  reviewerInput.value = localStorage.getItem("helpline-reviewer") || "";
  reviewerInput.addEventListener("change", () => localStorage.setItem("helpline-reviewer", reviewerInput.value.trim()));

  function progressText(language) {
    const p = language.progress;
    const missing = p.missing > 0 ? `${p.missing} missing (callers get them in English), ` : "";
    return `${language.name} (${language.englishName}): ${missing}${p.approved} approved, ${p.draft} draft, ${p.stale} stale of ${p.texts} texts (${p.approvedPercent}% approved)`;
  }

  function showProgress(language) {
    $("progress-text").textContent = progressText(language);
    $("progress-bar").style.width = `${language.progress.approvedPercent}%`;
    document.body.dataset.approved = String(language.progress.approved);
    document.body.dataset.missing = String(language.progress.missing);
  }

  async function loadLanguages() {
    const response = await fetch(`${api}/languages`);
    const languages = await response.json();
    languageSelect.replaceChildren(...languages.map((l) => {
      const option = new Option(`${l.name} — ${l.englishName} (${l.progress.approvedPercent}%)`, l.culture);
      option.lang = l.culture;
      return option;
    }));
    const wanted = new URLSearchParams(location.search).get("lang");
    if (wanted && languages.some((l) => l.culture === wanted)) languageSelect.value = wanted;
  }

  async function loadSheet() {
    document.body.dataset.ready = "false";
    const culture = languageSelect.value;
    const response = await fetch(`${api}/languages/${encodeURIComponent(culture)}`);
    sheet = await response.json();
    const url = new URL(location.href);
    url.searchParams.set("lang", culture);
    history.replaceState(null, "", url);
    showProgress(sheet.language);
    render();
    document.body.dataset.ready = "true";
  }

  function render() {
    const shown = {
      todo: (t) => t.state !== "reviewed",
      missing: (t) => t.state === "missing",
    }[filterSelect.value] || (() => true);
    list.replaceChildren(...sheet.texts.filter(shown).map(card));
    if (list.children.length === 0) {
      const done = document.createElement("p");
      done.textContent = "Nothing left to review in this language.";
      list.append(done);
    }
  }

  function card(text) {
    const node = template.content.firstElementChild.cloneNode(true);
    const language = sheet.language;
    node.dataset.key = text.key;
    node.dataset.state = text.state;
    node.querySelector(".key").textContent = text.key;
    const state = node.querySelector(".state");
    state.textContent = text.state;
    state.className = `state state-${text.state}`;
    node.querySelector(".where").textContent = `${text.channel} · ${text.where}`;
    node.querySelector(".english").textContent = text.english;
    node.querySelector(".note").textContent = text.note || "";
    const area = node.querySelector(".translation");
    area.value = text.text;
    area.lang = language.culture;
    area.dir = language.direction;
    area.setAttribute("aria-label", `${language.englishName} text for ${text.key}`);
    const missing = text.state === "missing";
    area.rows = Math.min(8, Math.max(2, Math.ceil((missing ? text.english : text.text).length / 60)));
    // The hint is English in a box written right to left for Dari and Pashto: isolated (U+2066..U+2069) so its full stops stay at its end.
    if (missing) area.placeholder = `\u2066No ${language.englishName} text yet: callers get the English. Type the translation.\u2069`;
    const approve = node.querySelector(".approve");
    const undo = node.querySelector(".undo");
    const edited = () => area.value !== text.text;
    const update = () => {
      area.classList.toggle("edited", edited());
      approve.textContent = edited() || missing ? "Save and approve" : (text.state === "reviewed" ? "Approved" : "Approve");
      approve.disabled = missing ? area.value.trim() === "" : !edited() && text.state === "reviewed";
      undo.hidden = !edited();
    };
    area.addEventListener("input", update);
    undo.addEventListener("click", () => { area.value = text.text; node.querySelector(".problems").replaceChildren(); update(); });
    approve.addEventListener("click", () => save(node, text, area.value));
    node.querySelector(".reviewed").textContent = text.reviewedBy ? `${text.state === "stale" ? "was reviewed" : "reviewed"} by ${text.reviewedBy}, ${text.date}` : "";
    update();
    return node;
  }

  async function save(node, text, value) {
    const problems = node.querySelector(".problems");
    const reviewer = reviewerInput.value.trim();
    problems.replaceChildren();
    if (!reviewer) {
      showProblems(problems, ["Type your name at the top first: each approval records who made it."]);
      reviewerInput.focus();
      finishSave();
      return;
    }
    localStorage.setItem("helpline-reviewer", reviewer);
    const response = await fetch(`${api}/languages/${encodeURIComponent(sheet.language.culture)}/texts/${encodeURIComponent(text.key)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: value, reviewer, englishVersion: text.englishVersion }),
    });
    const answer = await response.json().catch(() => ({ problems: [`the server answered ${response.status}`] }));
    if (!response.ok) {
      showProblems(problems, answer.problems || [answer.error || `the server answered ${response.status}`]);
      node.dataset.outcome = "refused";
    } else {
      Object.assign(text, answer.text);
      sheet.language.progress = answer.progress;
      showProgress(sheet.language);
      const fresh = card(text);
      fresh.classList.add("saved");
      fresh.dataset.outcome = "saved";
      // What a caller hears now: the edited text's stand-in spoken again, or why it was not.
      if (answer.audio) { const note = document.createElement("p"); note.className = "audio-note"; note.textContent = answer.audio; fresh.append(note); }
      node.replaceWith(fresh);
    }
    finishSave();
  }

  function showProblems(list, problems) {
    list.replaceChildren(...problems.map((p) => { const li = document.createElement("li"); li.textContent = p; return li; }));
  }

  // Tests wait for this counter rather than for a time.
  function finishSave() { document.body.dataset.saves = String(Number(document.body.dataset.saves || 0) + 1); }

  languageSelect.addEventListener("change", loadSheet);
  filterSelect.addEventListener("change", render);
  loadLanguages().then(loadSheet);
})();
