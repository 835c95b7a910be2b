// The demo page: plain JavaScript, no framework, no CDN. It calls the API as the real frontend does
// (docs/original-service.md, "Joining"): create, then GET every 2 s while accessLinkURL is null (the waiting room), then the link in an
// iframe. Every value shown comes through textContent, never innerHTML: names are user input.
'use strict';

const POLL_INTERVAL_MS = 2000;
const STORAGE_KEY = 'teleconsultation-demo';
const MAX_LOG_ENTRIES = 40;
const MAX_RECENT = 10;

/** The teleconsultation on screen: {id, doctor: {userId, fullName}, patient: {...}, startDate, durationSeconds}. */
let current = null;
/** The participant whose view is open ('doctor' or 'patient') and the polling timer. */
let viewer = null;
let pollTimer = null;
let pollCount = 0;
let lastPollOutcome = null;

const $ = (id) => document.getElementById(id);

// ---- API calls

/**
 * Calls the API. `caller` is the external user id the gateway would put in the miauserid header, `groups` the
 * groups it would put in miausergroups. Polls pass quiet: true and log themselves only when their outcome changes.
 */
async function api(method, path, { body, caller, groups, quiet } = {}) {
  const headers = {};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (caller) {
    headers['miauserid'] = caller;
  }
  if (groups) {
    headers['miausergroups'] = groups.join(',');
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (networkError) {
    const failed = { status: 0, body: { detail: 'The service did not answer: ' + networkError.message } };
    if (!quiet) {
      log(method, path, caller, groups, body, failed);
    }
    return failed;
  }
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch (notJson) {
      parsed = text;
    }
  }
  const result = { status: response.status, body: parsed };
  if (!quiet) {
    log(method, path, caller, groups, body, result);
  }
  return result;
}

function log(method, path, caller, groups, requestBody, result) {
  const entry = document.createElement('li');
  const line = document.createElement('div');
  const status = document.createElement('span');
  status.className = result.status >= 200 && result.status < 300 ? 'status-ok' : 'status-error';
  status.textContent = result.status === 0 ? 'no answer' : String(result.status);
  const identity = caller ? ' (miauserid: ' + caller + (groups ? ', miausergroups: ' + groups.join(',') : '') + ')' : '';
  line.append(method + ' ' + path + identity + ' → ', status);
  entry.append(line);
  if (requestBody !== undefined) {
    entry.append(pre('request: ' + JSON.stringify(requestBody)));
  }
  if (result.body !== null && result.body !== undefined) {
    entry.append(pre(typeof result.body === 'string' ? result.body : JSON.stringify(result.body, null, 1)));
  }
  const list = $('log');
  list.prepend(entry);
  while (list.children.length > MAX_LOG_ENTRIES) {
    list.lastElementChild.remove();
  }
}

function pre(text) {
  const element = document.createElement('pre');
  element.textContent = text;
  return element;
}

function problemText(result) {
  if (result.body && typeof result.body === 'object') {
    return result.status + ' ' + (result.body.detail || result.body.error || result.body.title || '');
  }
  return String(result.status);
}

// ---- service mode

async function showMode() {
  const result = await api('GET', '/-/check-up', { quiet: true });
  const mode = $('mode');
  if (!result.body || !result.body.checks) {
    mode.textContent = 'The service does not answer /-/check-up (' + result.status + ').';
    return;
  }
  const kaleyra = result.body.checks.kaleyra || {};
  const database = result.body.checks.database || {};
  const simulated = kaleyra.mode === 'simulated';
  mode.classList.toggle('simulated', simulated);
  mode.textContent = (simulated ? 'Kaleyra: built-in SIMULATOR (no real video call)' : 'Kaleyra: REAL (' + kaleyra.status + ')')
      + ' · database: ' + (database.mode || '?') + ' (' + (database.status || '?') + ')'
      + ' · rooms found missing on Kaleyra: ' + (kaleyra.missingRooms ?? '?');
}

// ---- create

async function create(event) {
  event.preventDefault();
  const doctor = { userId: $('doctor-id').value.trim(), groups: ['doctor'], fullName: $('doctor-name').value.trim(),
    language: $('doctor-language').value };
  const patient = { userId: $('patient-id').value.trim(), groups: ['patient'], fullName: $('patient-name').value.trim(),
    language: $('patient-language').value };
  const startDate = new Date(Date.now() + Number($('starts-in').value || 0) * 1000).toISOString();
  const durationSeconds = Number($('duration').value || 60) * 60;
  const body = { participants: { number: 2, data: [doctor, patient] }, start_date: startDate,
    duration_in_seconds: durationSeconds };
  // The doctor books it: a caller may create a teleconsultation they are a plus participant of.
  const result = await api('POST', '/teleconsultation', { body, ...asDoctor(doctor) });
  if (result.status === 201) {
    select({ id: result.body.roomId, doctor, patient, startDate, durationSeconds });
  }
}

/**
 * The doctor as the gateway would name them: only a plus participant of a teleconsultation (or a manager) may
 * create, change or delete it.
 */
function asDoctor(doctor) {
  return { caller: doctor.userId, groups: ['doctor'] };
}

// ---- the teleconsultation on screen

function select(teleconsultation) {
  leave();
  current = teleconsultation;
  remember(teleconsultation);
  $('current').hidden = false;
  $('teleconsultation-id').textContent = teleconsultation.id;
  $('join-doctor').textContent = 'Join as the doctor (' + teleconsultation.doctor.fullName + ')';
  $('join-patient').textContent = 'Join as the patient (' + teleconsultation.patient.fullName + ')';
  showSchedule();
}

function showSchedule() {
  const start = new Date(current.startDate);
  $('schedule').textContent = 'Starts ' + start.toLocaleString() + ' (' + start.toISOString() + '), lasts '
      + Math.round(current.durationSeconds / 60) + ' minutes.';
}

async function patchDuration() {
  const durationSeconds = Number($('patch-duration').value) * 60;
  const result = await api('PATCH', '/teleconsultation/' + current.id,
      { body: { duration_in_seconds: durationSeconds }, ...asDoctor(current.doctor) });
  if (result.status === 204) {
    current.durationSeconds = durationSeconds;
    remember(current);
    showSchedule();
  }
}

async function patchStart() {
  const startDate = new Date(Date.now() + Number($('patch-start').value) * 1000).toISOString();
  const result = await api('PATCH', '/teleconsultation/' + current.id,
      { body: { start_date: startDate }, ...asDoctor(current.doctor) });
  if (result.status === 204) {
    current.startDate = startDate;
    remember(current);
    showSchedule();
  }
}

async function deleteUploads() {
  // The real frontend calls it as the participant, when the call ends.
  await api('DELETE', '/teleconsultation/' + current.id + '/uploads', asDoctor(current.doctor));
}

async function deleteTeleconsultation() {
  const result = await api('DELETE', '/teleconsultation/' + current.id, asDoctor(current.doctor));
  if (result.status === 204) {
    leave();
    forget(current.id);
    $('schedule').textContent = 'Deleted. GET now answers 404 to every participant.';
  }
}

// ---- a participant's view: waiting room, then the call

function join(role) {
  leave();
  viewer = role;
  pollCount = 0;
  lastPollOutcome = null;
  const participant = current[role];
  $('call').hidden = false;
  $('call-title').textContent = 'The ' + role + "'s view (" + participant.fullName + ', miauserid ' + participant.userId + ')';
  poll();
}

/** One GET, as the frontend's waiting room does until accessLinkURL is given. */
async function poll() {
  pollTimer = null;
  const role = viewer;
  const id = current.id;
  pollCount += 1;
  const query = new URLSearchParams();
  if ($('join-language').value) {
    query.set('language', $('join-language').value);
  }
  if ($('join-background').checked) {
    query.set('useBackground', 'true');
  }
  const path = '/teleconsultation/' + id + (query.toString() ? '?' + query : '');
  const result = await api('GET', path, { caller: current[role].userId, quiet: true });
  if (viewer !== role || !current || current.id !== id) {
    return; // left, or switched to another view, while the request was running
  }
  const access = result.status === 200 ? result.body : null;
  const outcome = result.status + ':' + (access ? String(Boolean(access.accessLinkURL)) + ':' + access.roomMissing : '');
  if (outcome !== lastPollOutcome) {
    lastPollOutcome = outcome;
    log('GET', path, current[role].userId, undefined, undefined, result);
  }
  if (access === null) {
    if (result.status === 0 || result.status >= 500) {
      waiting('The service is not answering (' + problemText(result) + '); trying again…');
      pollTimer = setTimeout(poll, POLL_INTERVAL_MS);
    } else {
      problem('GET answered ' + problemText(result));
      $('waiting-room').hidden = true;
    }
    return;
  }
  showParticipants(access.participantsBandyerCall, access.bandyerUserId);
  if (access.roomMissing) {
    // The contract: the link, if any, leads to no room; an operator must give the teleconsultation a new one.
    $('waiting-room').hidden = true;
    problem('Kaleyra no longer has this teleconsultation\'s room (roomMissing): it cannot be joined until an operator'
        + ' gives it a new room.');
    return;
  }
  if (!access.accessLinkURL) {
    waiting('Waiting room: the join link is not available yet, it is given from the start. Asking again every '
        + POLL_INTERVAL_MS / 1000 + ' s (poll ' + pollCount + ')…');
    pollTimer = setTimeout(poll, POLL_INTERVAL_MS);
    return;
  }
  $('waiting-room').hidden = true;
  $('call-problem').hidden = true;
  const frame = $('call-frame');
  frame.hidden = false;
  if (frame.getAttribute('src') !== access.accessLinkURL) {
    frame.setAttribute('src', access.accessLinkURL);
  }
}

function waiting(text) {
  $('call-problem').hidden = true;
  $('waiting-room').hidden = false;
  $('waiting-room').textContent = text;
}

function problem(text) {
  $('call-problem').hidden = false;
  $('call-problem').textContent = text;
}

function showParticipants(participants, you) {
  $('participants').textContent = (participants || [])
      .map((p) => p.fullName + (p.bandyerUserId === you ? ' (you)' : ''))
      .join(', ');
}

function leave() {
  if (pollTimer !== null) {
    clearTimeout(pollTimer);
    pollTimer = null;
  }
  viewer = null;
  const frame = $('call-frame');
  frame.removeAttribute('src');
  frame.hidden = true;
  $('call').hidden = true;
  $('waiting-room').hidden = true;
  $('call-problem').hidden = true;
  $('participants').textContent = '';
}

// ---- recent teleconsultations, kept in this browser

function recent() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || '[]');
    return Array.isArray(saved) ? saved : [];
  } catch (unreadable) {
    return [];
  }
}

function remember(teleconsultation) {
  const list = recent().filter((t) => t.id !== teleconsultation.id);
  list.unshift(teleconsultation);
  localStorage.setItem(STORAGE_KEY, JSON.stringify(list.slice(0, MAX_RECENT)));
  showRecent();
}

function forget(id) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(recent().filter((t) => t.id !== id)));
  showRecent();
}

function showRecent() {
  const list = $('recent');
  list.replaceChildren();
  for (const teleconsultation of recent()) {
    const item = document.createElement('li');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open';
    open.addEventListener('click', () => select(teleconsultation));
    item.append(open, teleconsultation.doctor.fullName + ' with ' + teleconsultation.patient.fullName + ', '
        + new Date(teleconsultation.startDate).toLocaleString() + ' · ' + teleconsultation.id);
    list.append(item);
  }
  if (list.children.length === 0) {
    list.textContent = 'None yet.';
  }
}

// ---- wiring

document.addEventListener('DOMContentLoaded', () => {
  $('create-form').addEventListener('submit', create);
  $('join-doctor').addEventListener('click', () => join('doctor'));
  $('join-patient').addEventListener('click', () => join('patient'));
  $('patch-duration-button').addEventListener('click', patchDuration);
  $('patch-start-button').addEventListener('click', patchStart);
  $('delete-uploads').addEventListener('click', deleteUploads);
  $('delete').addEventListener('click', deleteTeleconsultation);
  $('leave').addEventListener('click', leave);
  showRecent();
  const latest = recent()[0];
  if (latest) {
    select(latest);
  }
  showMode();
});
