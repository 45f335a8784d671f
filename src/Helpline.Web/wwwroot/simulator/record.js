// The recording page: one card per prompt in call order; MediaRecorder records, the server checks and saves.
"use strict";

const languageSelect = document.getElementById("language");
const byInput = document.getElementById("by");
const forceBox = document.getElementById("force");
const promptsBox = document.getElementById("prompts");
const summary = document.getElementById("summary");
const errorBox = document.getElementById("error");

byInput.value = localStorage.getItem("helpline-recorder-name") || "";
byInput.addEventListener("change", () => localStorage.setItem("helpline-recorder-name", byInput.value.trim()));

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = !message;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

async function loadLanguages() {
  const response = await fetch("/simulator/api/languages");
  const languages = await response.json();
  for (const language of languages) {
    languageSelect.append(element("option", { value: language.culture }, `${language.name} · ${language.englishName} (${language.culture})`));
  }
  const wanted = new URLSearchParams(location.search).get("culture");
  if (wanted && languages.some(l => l.culture === wanted)) languageSelect.value = wanted;
  languageSelect.addEventListener("change", () => {
    history.replaceState(null, "", `?culture=${encodeURIComponent(languageSelect.value)}`);
    loadPrompts();
  });
  await loadPrompts();
}

async function loadPrompts() {
  showError("");
  const culture = languageSelect.value;
  const response = await fetch(`/simulator/api/recordings/${encodeURIComponent(culture)}`);
  if (!response.ok) { showError(`Cannot load the prompts (${response.status}).`); return; }
  const data = await response.json();
  document.getElementById("format").textContent = data.format;
  const c = data.coverage;
  summary.textContent = `${data.englishName}: ${data.prompts.length} prompts · ${c.recorded} recorded · ${c.stale} stale · ` +
    `${c.standIn} stand-in · ${c.twilioVoice} Twilio voice · ${c.missing} missing · ${Math.round(c.audioSeconds)} s of audio`;
  summary.dataset.recorded = c.recorded;
  promptsBox.replaceChildren(...data.prompts.map(p => card(data, p)));
  document.body.dataset.loaded = culture;
}

function card(language, prompt) {
  const box = element("section", { class: `prompt status-${prompt.status}`, "data-key": prompt.key });
  const badge = element("span", { class: "badge" }, prompt.statusText);
  const head = element("div", { class: "head" },
    element("span", {}, `${prompt.order}.`), element("span", { class: "key" }, prompt.key), badge,
    prompt.recordedBy ? element("span", {}, `${prompt.recordedBy}, ${prompt.recordedAt.slice(0, 10)}`) : "");
  const text = element("div", { class: "text", lang: prompt.textIsEnglish ? "en" : language.culture, dir: prompt.textIsEnglish ? "ltr" : language.direction }, prompt.text);
  const english = element("div", { class: "english", lang: "en" },
    prompt.textIsEnglish ? "Not translated yet: callers hear English here." : `English: ${prompt.english}`);
  // The words of "for X, press N" are recorded alone: the sentence they are cut from says how they sound.
  const saidIn = prompt.saidIn ? element("div", { class: "english said-in" }, "Said with every menu choice, as part of: ",
    element("span", { lang: language.culture, dir: language.direction }, prompt.saidIn), " (each … is a topic or \"press N\", recorded on its own)") : "";

  const record = element("button", { type: "button", class: "record" }, "Record");
  const save = element("button", { type: "button", class: "save", disabled: "" }, "Save");
  const preview = element("audio", { controls: "", class: "preview", hidden: "" });
  const current = element("audio", { controls: "", class: "current", preload: "none", src: prompt.recordingUrl, hidden: prompt.recordingUrl ? null : "" });
  const elapsed = element("span", { class: "elapsed" });
  const result = element("span", { class: "result", "aria-live": "polite" });
  box.append(head, text, saidIn, english, element("div", { class: "actions" }, record, elapsed, preview, save, current, result));

  let recorder = null;
  let recorded = null;
  let timer = null;

  record.addEventListener("click", async () => {
    if (recorder && recorder.state === "recording") { recorder.stop(); return; }
    showError("");
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: true, autoGainControl: false } });
    } catch (e) {
      showError(`The microphone is not available: ${e.message}. Allow it for this page and try again.`);
      return;
    }
    const chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", e => { if (e.data.size > 0) chunks.push(e.data); });
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach(t => t.stop());
      clearInterval(timer);
      box.classList.remove("recording");
      record.textContent = "Record again";
      recorded = new Blob(chunks, { type: recorder.mimeType || "audio/webm" });
      preview.src = URL.createObjectURL(recorded);
      preview.hidden = false;
      save.disabled = false;
      box.dataset.state = "recorded";
    });
    const started = Date.now();
    recorder.start();
    box.classList.add("recording");
    box.dataset.state = "recording";
    record.textContent = "Stop";
    elapsed.textContent = "0 s";
    elapsed.dataset.seconds = "0";
    timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - started) / 1000);
      elapsed.textContent = `${seconds} s`;
      elapsed.dataset.seconds = String(seconds);
    }, 250);
  });

  save.addEventListener("click", async () => {
    const by = byInput.value.trim();
    if (!by) { showError("Write your name first: it is kept beside each recording."); byInput.focus(); return; }
    localStorage.setItem("helpline-recorder-name", by);
    save.disabled = true;
    result.className = "result";
    result.textContent = "Checking…";
    const type = (recorded.type || "audio/webm").split(";")[0];
    const url = `/simulator/api/recordings/${encodeURIComponent(language.culture)}/${encodeURIComponent(prompt.key)}` +
      `?by=${encodeURIComponent(by)}&force=${forceBox.checked}`;
    let answer;
    try {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": type }, body: recorded });
      answer = await response.json();
    } catch (e) {
      answer = { outcome: "Rejected", reason: `could not reach the server: ${e.message}` };
    }
    const ok = answer.outcome === "Saved" || answer.outcome === "Replaced";
    result.className = `result ${ok ? "good" : "bad"}`;
    result.textContent = `${answer.outcome ? answer.outcome.toLowerCase() : "error"}: ${answer.reason || answer.error}`;
    box.dataset.outcome = answer.outcome || "Error";
    if (ok) {
      current.src = `${answer.recordingUrl}?t=${Date.now()}`;
      current.hidden = false;
      badge.textContent = "recorded";
      box.className = "prompt status-Recorded";
    } else {
      save.disabled = false;
    }
  });
  return box;
}

loadLanguages().catch(e => showError(`Cannot load the page: ${e.message}`));
