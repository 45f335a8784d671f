// The simulator page: talks to /simulator/api like the terminal's `helpline chat` talks to the engine.
// Every text from the server goes in with textContent, never as HTML: it is content an editor typed.
'use strict';

(() => {
  const api = '/simulator/api';
  const $ = (id) => document.getElementById(id);
  const el = {
    language: $('language'),
    review: $('language-review'),
    sms: $('channel-sms'),
    voice: $('channel-voice'),
    restart: $('restart'),
    title: $('phone-title'),
    conversation: $('conversation'),
    smsForm: $('sms-form'),
    smsInput: $('sms-input'),
    smsSend: $('sms-send'),
    voiceControls: $('voice-controls'),
    keypad: $('keypad'),
    silence: $('silence'),
    dialAnswered: $('dial-answered'),
    dialFailed: $('dial-failed'),
    callAgain: $('call-again'),
    position: $('position'),
    outcome: $('outcome'),
    picture: $('flow-picture'),
    details: $('flow-details'),
    flowText: $('flow-text'),
    flowFile: $('flow-file'),
  };

  const sourceLabels = {
    'recording': 'recording',
    'twilio-voice': 'Twilio voice',
    'stand-in': 'stand-in',
    'missing': 'missing: left out of the call',
  };

  let languages = [];
  let session = '';
  let busy = false;
  let callEnded = false;
  let shownGraph = '';
  let graphRequest = 0;

  const channel = () => (el.voice.checked ? 'voice' : 'sms');
  const chosenLanguage = () => languages.find((l) => l.culture === el.language.value);

  // Random ids from getRandomValues: crypto.randomUUID exists only on https or localhost.
  function newSession() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function add(node) {
    el.conversation.append(node);
    el.conversation.scrollTop = el.conversation.scrollHeight;
    return node;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function note(text, kind) {
    const node = add(element('div', 'note' + (kind ? ' ' + kind : ''), text));
    if (kind) node.dataset.kind = kind;
    return node;
  }

  function smsBubble(page, extraClass) {
    const bubble = element('div', 'bubble from-helpline' + (extraClass ? ' ' + extraClass : '') + (page.overBudget ? ' over-budget' : ''));
    bubble.dir = 'auto';
    bubble.append(element('span', 'bubble-text', page.text));
    const segments = page.segments === 1 ? '1 segment' : `${page.segments} segments`;
    const over = page.overBudget ? ' · over the segment budget' : '';
    const meta = element('span', 'bubble-meta', `${segments} · ${page.encoding} · ${page.characters} characters${over}`);
    meta.dataset.segments = String(page.segments);
    meta.dataset.encoding = page.encoding;
    bubble.append(meta);
    return add(bubble);
  }

  function promptItem(prompt) {
    const item = element('div', 'prompt' + (prompt.source === 'missing' ? ' missing' : ''));
    item.dataset.source = prompt.source;
    const text = element('span', 'prompt-text', prompt.text);
    text.dir = prompt.direction;
    text.lang = prompt.culture;
    item.append(text);
    const sound = element('div', 'prompt-sound');
    let label = sourceLabels[prompt.source] || prompt.source;
    if (prompt.sayLanguage) label += ` (${prompt.sayLanguage})`;
    sound.append(element('span', `source source-${prompt.source}`, label));
    if (prompt.audioUrl) {
      const audio = document.createElement('audio');
      audio.controls = true;
      audio.preload = 'metadata';
      audio.src = prompt.audioUrl;
      sound.append(audio);
    }
    item.append(sound);
    return item;
  }

  function setDirection(direction) {
    el.conversation.dir = direction === 'rtl' ? 'rtl' : 'ltr';
  }

  function updateControls() {
    const voice = channel() === 'voice';
    el.title.textContent = voice ? 'Call' : 'Messages';
    el.smsForm.hidden = voice;
    el.voiceControls.hidden = !voice;
    el.smsInput.disabled = busy;
    el.smsSend.disabled = busy;
    for (const key of el.keypad.querySelectorAll('button')) key.disabled = busy || callEnded;
    el.silence.disabled = busy || callEnded;
    el.callAgain.hidden = !callEnded;
    if (callEnded) {
      el.dialAnswered.hidden = true;
      el.dialFailed.hidden = true;
    }
  }

  function showReview() {
    const language = chosenLanguage();
    // Per text: how many of the texts a caller can get are reviewed, machine drafts, stale or untracked.
    el.review.textContent = language && language.translations !== 'source' ? `${language.englishName}: ${language.translations}` : '';
  }

  // --- talking to the helpline -------------------------------------------------------------

  async function send(body, echo) {
    if (busy) return;
    busy = true;
    updateControls();
    if (echo) add(echo);
    try {
      const response = await fetch(`${api}/turn`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ session, channel: channel(), ...body }),
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        note(answer.error || `The simulator answered ${response.status}.`, 'error');
        return;
      }
      show(answer);
    } catch (error) {
      note(`The simulator could not be reached: ${error.message}`, 'error');
    } finally {
      busy = false;
      updateControls();
      // A count of finished turns: what a test (or a person's script) waits on instead of a clock.
      document.body.dataset.turns = String(Number(document.body.dataset.turns || 0) + 1);
      if (channel() === 'sms') el.smsInput.focus();
    }
  }

  function show(turn) {
    if (turn.channel === 'voice') {
      if (turn.prompts.length > 0) {
        const prompts = element('div', 'prompts');
        for (const prompt of turn.prompts) prompts.append(promptItem(prompt));
        add(prompts);
      }
      for (const page of turn.messages) smsBubble(page, 'text-message');
    } else {
      for (const page of turn.messages) smsBubble(page);
    }
    for (const item of turn.notes) {
      note(item.text, item.kind);
      if (item.kind === 'transfer') {
        el.dialAnswered.hidden = false;
        el.dialFailed.hidden = false;
      }
    }
    callEnded = turn.channel === 'voice' && turn.callEnded;
    el.outcome.textContent = `outcome: ${turn.outcome}`;
    if (turn.position) {
      if (turn.position.culture) setDirection(turn.position.direction);
      showPosition(turn.position.flow, turn.position.node);
    } else {
      el.position.textContent = '(erased)';
    }
  }

  function begin() {
    session = newSession();
    callEnded = false;
    el.conversation.replaceChildren();
    el.dialAnswered.hidden = true;
    el.dialFailed.hidden = true;
    el.outcome.textContent = '';
    const language = chosenLanguage();
    setDirection(language ? language.direction : 'ltr');
    showReview();
    updateControls();
    const preset = language ? { language: language.culture } : {};
    if (channel() === 'voice') {
      add(element('div', 'note', language ? `A call from a number whose language is known (${language.name})` : 'A call from a new number'));
      send({ event: 'start', ...preset });
    } else if (language) {
      add(element('div', 'note', `A texter whose language is known (${language.name}): their menu`));
      send({ event: 'start', ...preset });
    } else {
      // A texter writes first; until then the conversation would start at the language menu.
      // The Dari example is isolated (FSI…PDI) so it does not reorder the English around it.
      add(element('div', 'note', 'Text anything to begin: hola, \u2068دری\u2069, 1…'));
      showPosition('main', 'language');
    }
  }

  // --- the flow's picture --------------------------------------------------------------------

  function showPosition(flow, node) {
    el.position.textContent = `${flow}/${node}`;
    const wanted = `${flow}/${node}`;
    if (wanted === shownGraph) return;
    shownGraph = wanted;
    drawFlow(flow, node);
  }

  async function drawFlow(flow, node) {
    const request = ++graphRequest;
    const response = await fetch(`${api}/graph/${encodeURIComponent(flow)}?node=${encodeURIComponent(node)}`);
    if (!response.ok || request !== graphRequest) return;
    const graph = await response.json();
    el.flowText.textContent = graph.mermaid;
    el.flowFile.textContent = graph.file;
    // The SVG is drawn on the server from the flow's own machine (FlowDiagram.Svg), every name in it
    // XML-escaped there: no diagram library in the page, the same picture in the container.
    el.picture.innerHTML = graph.svg;
    el.picture.dataset.flow = graph.flow;
    el.picture.dataset.node = graph.node || '';
    const current = el.picture.querySelector('g.current');
    if (current) current.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  // --- wiring ----------------------------------------------------------------------------------

  el.smsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = el.smsInput.value;
    if (text.trim().length === 0 || busy) return;
    el.smsInput.value = '';
    const bubble = element('div', 'bubble from-person', text);
    bubble.dir = 'auto';
    send({ input: text }, bubble);
  });

  el.keypad.addEventListener('click', (event) => {
    const key = event.target.closest('button[data-key]');
    if (!key || key.disabled) return;
    send({ input: key.dataset.key }, element('div', 'key-press', `pressed ${key.dataset.key}`));
  });
  el.silence.addEventListener('click', () => send({ event: 'silence' }, element('div', 'key-press', 'silence')));
  el.dialAnswered.addEventListener('click', () => {
    el.dialAnswered.hidden = el.dialFailed.hidden = true;
    send({ event: 'dial-answered' }, element('div', 'note', 'The organization answered; that call has ended'));
  });
  el.dialFailed.addEventListener('click', () => {
    el.dialAnswered.hidden = el.dialFailed.hidden = true;
    send({ event: 'dial-failed' }, element('div', 'note', 'Busy or no answer'));
  });
  el.callAgain.addEventListener('click', begin);
  el.restart.addEventListener('click', begin);
  el.language.addEventListener('change', begin);
  el.sms.addEventListener('change', begin);
  el.voice.addEventListener('change', begin);

  async function load() {
    const response = await fetch(`${api}/languages`);
    languages = response.ok ? await response.json() : [];
    for (const language of languages) {
      // Each language in its own script, as the phone menu offers it.
      const option = element('option', '', language.name);
      option.value = language.culture;
      option.lang = language.culture;
      option.dir = language.direction;
      option.title = language.englishName;
      el.language.append(option);
    }
    document.body.dataset.ready = 'true';
    begin();
  }

  load();
})();
