// Browser test: walks the /demo page in headless Chromium, the way a newcomer would, against the service jar
// running on embedded defaults (embedded PostgreSQL + built-in Kaleyra simulator) in a temporary DATA_DIR:
// create -> PATCH -> waiting room (polling) -> join as the doctor -> join as the patient -> restart the service ->
// join again -> delete the uploads and the teleconsultation. One PNG screenshot per step goes to screenshots/.
//
// Run after `mvn -B package` (or verify): `npm ci && node walk-demo.mjs`. Uses Debian's Chromium
// (/usr/bin/chromium, or CHROMIUM_PATH) through playwright-core, which never downloads a browser.
// Prints one line per step and a closing `browser: N passed, M failed`; exits 1 when a step failed.

import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const jar = process.env.SERVICE_JAR || path.resolve(here, '..', 'target', 'teleconsultation-service-backend.jar');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const screenshots = path.join(here, 'screenshots');
const serviceLog = path.join(here, 'service.log');
// The flags this machine needs (.library/env/machines/java-maven.md): no sandbox as root, and no background
// connections, which a closed network refuses.
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const READY_TIMEOUT_MS = 120_000;
const STEP_TIMEOUT_MS = 60_000;
/** Long enough for the PATCH before the start, short enough to keep the walk quick. */
const STARTS_IN_SECONDS = 15;

// ---- the service under test

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The service jar as `java -jar` runs it, on embedded defaults, with its own port and data directory. */
class Service {
  constructor(port, dataDir) {
    this.port = port;
    this.dataDir = dataDir;
    this.process = null;
    this.url = `http://localhost:${port}`;
  }

  async start() {
    const log = openSync(serviceLog, 'a');
    this.process = spawn('java', ['-jar', jar], {
      cwd: this.dataDir,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        HTTP_PORT: String(this.port),
        DATA_DIR: this.dataDir,
        SIMULATOR_LINK_BASE_URL: `${this.url}/simulator/join/`,
        // Embedded defaults whatever the environment says: the simulator and the embedded PostgreSQL.
        BANDYER_BASE_URL: '',
        BANDYER_API_SECRET_KEY: '',
        DATABASE_URL: '',
      },
    });
    closeSync(log);
    const exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    this.exited = exited;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const early = await within(exited, 500);
      if (early) {
        this.process = null;
        throw new Error(`the service exited during start-up (${early.code ?? early.signal}); see ${serviceLog}`);
      }
      try {
        const ready = await fetch(`${this.url}/-/ready`);
        if (ready.status === 200) {
          return;
        }
      } catch (notListeningYet) {
        // retry
      }
    }
    throw new Error(`the service was not ready within ${READY_TIMEOUT_MS / 1000} s; see ${serviceLog}`);
  }

  /** SIGTERM (the service's graceful stop), then SIGKILL if it lingers; never leaves a process behind. */
  async stop() {
    if (!this.process) {
      return;
    }
    const child = this.process;
    this.process = null;
    child.kill('SIGTERM');
    const stopped = await within(this.exited, 30_000);
    if (!stopped) {
      child.kill('SIGKILL');
      await this.exited;
      this.stopOrphanedPostgres();
    }
  }

  /** Killed hard, the service cannot stop its embedded PostgreSQL: stop it by the pid it recorded. */
  stopOrphanedPostgres() {
    const pidFile = path.join(this.dataDir, 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGQUIT');
      } catch (alreadyGone) {
        // nothing to stop
      }
    }
  }

  /** For exit paths that cannot wait (an uncaught error): kill at once. */
  killNow() {
    if (this.process) {
      this.process.kill('SIGKILL');
      this.process = null;
      this.stopOrphanedPostgres();
    }
  }
}

/** The promise's value, or null after `ms`; the timer is cleared so that it never keeps Node running. */
async function within(promise, ms) {
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---- the walk

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

/** The newest entry of the page's API log. */
async function lastLogEntry(page) {
  return (await page.locator('#log li').first().innerText()).replace(/\s+/g, ' ');
}

async function waitForLog(page, pattern) {
  await page.locator('#log li').first().filter({ hasText: pattern }).waitFor({ timeout: STEP_TIMEOUT_MS });
}

function steps(service, page, state) {
  const frame = page.frameLocator('#call-frame');
  return [
    ['the demo page opens and says the simulator is in use', '01-demo-page', async () => {
      await page.goto(`${service.url}/demo`);
      check(page.url() === `${service.url}/demo/`, `expected a redirect to /demo/, got ${page.url()}`);
      await page.locator('h1', { hasText: 'Teleconsultation demo' }).waitFor();
      await page.locator('#mode', { hasText: 'SIMULATOR' }).waitFor();
    }],

    ['create a teleconsultation with a doctor and a patient', '02-created', async () => {
      await page.fill('#doctor-id', 'doctor-1');
      await page.fill('#doctor-name', 'Dr. Joe Smith');
      await page.fill('#patient-id', 'patient-7');
      await page.fill('#patient-name', 'Jane Doe');
      await page.fill('#starts-in', String(STARTS_IN_SECONDS));
      await page.fill('#duration', '60');
      await page.click('#create-button');
      await waitForLog(page, /POST \/teleconsultation(?: \([^)]*\))?\s+→\s+201/);
      await page.locator('#current').waitFor();
      state.id = (await page.locator('#teleconsultation-id').innerText()).trim();
      check(/^[0-9a-f-]{36}$/.test(state.id), `no teleconsultation id shown: "${state.id}"`);
      await page.locator('#current').scrollIntoViewIfNeeded();
    }],

    ['change its duration with PATCH before it starts', '03-patched', async () => {
      await page.fill('#patch-duration', '30');
      await page.click('#patch-duration-button');
      await waitForLog(page, /PATCH \/teleconsultation\/\S+(?: \([^)]*\))?\s+→\s+204/);
      await page.locator('#schedule', { hasText: 'lasts 30 minutes' }).waitFor();
      await page.locator('#current').scrollIntoViewIfNeeded();
    }],

    ['the doctor waits in the waiting room, polling GET until the link is given', '04-waiting-room', async () => {
      state.polls = 0;
      page.on('request', (request) => {
        if (request.method() === 'GET' && request.url().includes(`/teleconsultation/${state.id}`)) {
          state.polls += 1;
        }
      });
      await page.click('#join-doctor');
      await page.locator('#waiting-room', { hasText: 'Waiting room' }).waitFor();
      check(await page.locator('#call-frame').isHidden(), 'the call must not open before the start');
      await page.locator('#call').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshots, '04-waiting-room.png') });
      await page.locator('#call-frame').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      check(state.polls >= 2, `expected the waiting room to poll GET several times, saw ${state.polls}`);
      return 'skip-screenshot'; // taken while waiting, the interesting moment
    }],

    ['the doctor joins: the iframe shows the simulated call as plus user', '05-doctor-in-call', async () => {
      await frame.locator('#banner', { hasText: 'SIMULATION' }).waitFor();
      await frame.locator('#you-name', { hasText: 'Dr. Joe Smith' }).waitFor();
      await frame.locator('#you-role', { hasText: 'plus (room administrator)' }).waitFor();
      await frame.locator('#others', { hasText: 'Jane Doe' }).waitFor();
      await page.locator('#call').scrollIntoViewIfNeeded();
    }],

    ['the patient joins: the iframe shows the same room as basic user', '06-patient-in-call', async () => {
      const doctorsRoom = await frame.locator('#room-id').innerText();
      await page.click('#join-patient');
      await frame.locator('#you-name', { hasText: 'Jane Doe' }).waitFor();
      await frame.locator('#you-role', { hasText: 'basic' }).waitFor();
      check(await frame.locator('#room-id').innerText() === doctorsRoom, 'the patient is in another room');
      await page.locator('#call').scrollIntoViewIfNeeded();
      state.room = doctorsRoom;
    }],

    ['after a restart of the service the same teleconsultation still opens', '07-after-restart', async () => {
      await service.stop();
      await service.start();
      await page.reload();
      await page.locator('#teleconsultation-id', { hasText: state.id }).waitFor();
      await page.click('#join-patient');
      await frame.locator('#you-name', { hasText: 'Jane Doe' }).waitFor();
      check(await frame.locator('#room-id').innerText() === state.room, 'the room changed across the restart');
      await page.locator('#call').scrollIntoViewIfNeeded();
    }],

    ['delete the uploads, then the teleconsultation', '08-deleted', async () => {
      await page.click('#delete-uploads');
      await waitForLog(page, /DELETE \/teleconsultation\/\S+\/uploads/);
      const uploads = await lastLogEntry(page);
      check(!uploads.includes('no answer'), `DELETE uploads got no answer: ${uploads}`);
      await page.click('#delete');
      await waitForLog(page, new RegExp(`DELETE /teleconsultation/${state.id}(?: \\([^)]*\\))?\\s+→\\s+204`));
      await page.locator('#call').waitFor({ state: 'hidden' });
      const status = await page.evaluate(async (id) => (await fetch(`/teleconsultation/${id}`,
          { headers: { miauserid: 'doctor-1' } })).status, state.id);
      check(status === 404, `GET after DELETE answered ${status}, expected 404`);
      await page.locator('#log').scrollIntoViewIfNeeded();
    }],
  ];
}

async function main() {
  check(existsSync(jar), `no service jar at ${jar}: run "mvn -B package" (or verify) first`);
  check(existsSync(chromiumPath), `no Chromium at ${chromiumPath}`);
  mkdirSync(screenshots, { recursive: true });
  rmSync(serviceLog, { force: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'teleconsultation-browser-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'teleconsultation-chromium-'));
  const service = new Service(await freePort(), dataDir);
  const onSignal = () => {
    service.killNow();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => service.killNow());

  let passed = 0;
  let failed = 0;
  let notRun = 0;
  let browser = null;
  try {
    const starting = Date.now();
    await service.start();
    console.log(`browser: service ready at ${service.url} in ${Date.now() - starting} ms (DATA_DIR ${dataDir})`);
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1000, height: 860 },
    });
    const page = browser.pages()[0] || await browser.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const state = {};
    for (const [name, screenshot, run] of steps(service, page, state)) {
      if (failed > 0) {
        notRun += 1;
        console.log(`browser: - ${name} (not run)`);
        continue;
      }
      const started = Date.now();
      try {
        const outcome = await run();
        check(pageErrors.length === 0, `the page threw: ${pageErrors.join('; ')}`);
        if (outcome !== 'skip-screenshot') {
          await page.screenshot({ path: path.join(screenshots, `${screenshot}.png`) });
        }
        passed += 1;
        console.log(`browser: ✔ ${name} (${Date.now() - started} ms, screenshots/${screenshot}.png)`);
      } catch (error) {
        failed += 1;
        console.log(`browser: ✘ ${name}: ${error.message.split('\n')[0]}`);
        await page.screenshot({ path: path.join(screenshots, `${screenshot}-FAILED.png`) }).catch(() => {});
      }
    }
  } catch (error) {
    failed += 1;
    console.log(`browser: ✘ could not run the walk: ${error.message.split('\n')[0]}`);
  } finally {
    if (browser) {
      await browser.close().catch(() => {});
    }
    const stopping = Date.now();
    await service.stop().catch(() => service.killNow());
    console.log(`browser: service stopped in ${Date.now() - stopping} ms`);
    rmSync(profile, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (failed > 0) {
    console.log(`browser: the service's log is in ${serviceLog}`);
  }
  console.log(`browser: ${passed} passed, ${failed} failed` + (notRun ? `, ${notRun} not run` : ''));
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
