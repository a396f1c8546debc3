/**
 * `npm run demo:traffic`: realistic traffic through the public API of a running `npm start`
 * so that the dashboards have life. Each truck: trader1 or trader2 registers an export
 * (varied goods) → the yard camera reports its arrival (the demo API key) → the officers
 * decide what waits for them (customs1 document checks and inspections, quarantine1,
 * borderguard1 for a vehicle without a permit) → yard1 calls the next cleared truck to a
 * free lane → borderguard1 records the crossing. Registrations are spread over
 * `--duration` seconds; progress is printed as it happens. Refuses NODE_ENV=production.
 *
 *   npm run demo:traffic -- --count 20 --duration 300
 *   npm run demo:traffic -- --count 3 --duration 5 --url http://127.0.0.1:8080 --key ck_…
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseTrafficArgs,
  registrationOffsetMs,
  shipmentRequest,
  truckPlates,
  type TrafficOptions,
} from './demo-traffic.plan';

const PASSWORD = 'CuaKhau#2026';
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

type Json = Record<string, unknown>;
interface Answer {
  readonly status: number;
  readonly body: Json;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The public API, signed in as each demo user on first use (again when a token expires). */
class PublicApi {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly url: string,
    private readonly cameraKey: string,
  ) {}

  async as(username: string, method: string, route: string, body?: unknown): Promise<Answer> {
    let answer = await this.send(method, route, { token: await this.token(username), body });
    if (answer.status === 401) {
      this.tokens.delete(username);
      answer = await this.send(method, route, { token: await this.token(username), body });
    }
    return answer;
  }

  camera(body: unknown): Promise<Answer> {
    return this.send('POST', '/api/v1/yard/arrivals', { apiKey: this.cameraKey, body });
  }

  private async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known !== undefined) return known;
    const answer = await this.send('POST', '/api/v1/auth/login', {
      body: { username, password: PASSWORD },
    });
    if (answer.status !== 200) {
      throw new Error(
        `login of ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    const token = String(answer.body['accessToken']);
    this.tokens.set(username, token);
    return token;
  }

  private async send(
    method: string,
    route: string,
    options: { token?: string; apiKey?: string; body?: unknown },
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.apiKey !== undefined) headers['x-api-key'] = options.apiKey;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST') headers['idempotency-key'] = randomUUID();
    const response = await fetch(`${this.url}${route}`, {
      method,
      headers,
      signal: AbortSignal.timeout(15_000),
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    let body: Json = {};
    try {
      body = text === '' ? {} : (JSON.parse(text) as Json);
    } catch {
      body = { text };
    }
    return { status: response.status, body };
  }
}

interface Truck {
  readonly index: number;
  readonly plate: string;
  readonly trader: string;
  readonly cargo: string;
  shipmentId: string;
  state: 'PLANNED' | 'REGISTERED' | 'ARRIVED' | 'CLEARED' | 'CALLED' | 'DEPARTED' | 'FAILED';
  readonly decided: Set<string>;
}

class Traffic {
  private readonly started = Date.now();
  private readonly trucks: Truck[] = [];
  private readonly crossing = new Set<string>();
  private done = false;

  constructor(
    private readonly api: PublicApi,
    private readonly options: TrafficOptions,
  ) {}

  async run(): Promise<boolean> {
    const plates = truckPlates(this.options.count, Math.random);
    const yard = this.yardLoop();
    await Promise.all(
      plates.map(async (plate, index) => {
        await sleep(registrationOffsetMs(index, this.options.count, this.options.durationSeconds));
        await this.journey(index, plate);
      }),
    );
    this.done = true;
    await yard;
    const departed = this.trucks.filter((truck) => truck.state === 'DEPARTED').length;
    const failed = this.trucks.filter((truck) => truck.state !== 'DEPARTED');
    this.log(
      `done: ${departed} of ${this.options.count} trucks departed` +
        (failed.length === 0
          ? ''
          : `; not through: ${failed.map((truck) => `${truck.plate} (${truck.state})`).join(', ')}`),
    );
    return failed.length === 0;
  }

  private async journey(index: number, plate: string): Promise<void> {
    const trader = index % 2 === 0 ? 'trader1' : 'trader2';
    const request = shipmentRequest(index, plate, Math.random, new Date());
    const truck: Truck = {
      index,
      plate,
      trader,
      cargo: request.cargo.label,
      shipmentId: '',
      state: 'PLANNED',
      decided: new Set(),
    };
    this.trucks.push(truck);
    const deadline = Date.now() + this.options.journeyTimeoutSeconds * 1_000;
    try {
      const registered = await this.api.as(trader, 'POST', '/api/v1/shipments', request.body);
      if (registered.status !== 201) throw new Error(`registration: ${describe(registered)}`);
      truck.shipmentId = String(registered.body['id']);
      truck.state = 'REGISTERED';
      this.log(`${label(truck)} registered by ${trader}: ${truck.cargo}`);
      await sleep(1_000 + Math.random() * 3_000); // on the road to the yard
      await this.arrive(truck, deadline);
      while (!departed(truck)) {
        if (Date.now() > deadline) throw new Error(`still ${truck.state}`);
        await this.advance(truck);
        await sleep(1_000);
      }
    } catch (error) {
      truck.state = 'FAILED';
      this.log(`${label(truck)} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The yard camera reads the plate (retried until the queue knows the shipment). */
  private async arrive(truck: Truck, deadline: number): Promise<void> {
    for (;;) {
      const arrival = await this.api.camera({
        gateCode: 'MONGCAI',
        plate: truck.plate,
        source: 'ANPR',
        cameraId: 'CAM-IN-1',
        confidence: Math.round((0.9 + Math.random() * 0.09) * 100) / 100,
      });
      if (arrival.status === 201 && arrival.body['matched'] === true) break;
      if (arrival.status !== 201 && arrival.status !== 200) {
        throw new Error(`camera arrival: ${describe(arrival)}`);
      }
      if (Date.now() > deadline) throw new Error('the queue never matched the arrival');
      await sleep(1_000);
    }
    truck.state = 'ARRIVED';
    this.log(`${label(truck)} arrived at the yard (camera CAM-IN-1)`);
  }

  /** One look at the shipment: officers decide what waits for them; states are reported. */
  private async advance(truck: Truck): Promise<void> {
    const answer = await this.api.as(truck.trader, 'GET', `/api/v1/shipments/${truck.shipmentId}`);
    if (answer.status !== 200) throw new Error(`reading the shipment: ${describe(answer)}`);
    const status = String(answer.body['status']);
    const agencies = (answer.body['agencies'] ?? {}) as Json;
    if (['REJECTED', 'CANCELLED'].includes(status)) throw new Error(`the shipment is ${status}`);
    if (['CLEARED', 'CALLED', 'DEPARTED'].includes(status) && truck.state === 'ARRIVED') {
      truck.state = 'CLEARED';
      this.log(`${label(truck)} cleared by every agency`);
    }
    if (status === 'CALLED' && truck.state === 'CLEARED') truck.state = 'CALLED';
    if (status === 'DEPARTED') {
      truck.state = 'DEPARTED';
      this.log(`${label(truck)} DEPARTED`);
      return;
    }
    // PENDING or HOLD: the agency has not cleared it yet (maybe an officer must decide).
    const undecided = (agency: string): boolean =>
      agencies[agency] === 'PENDING' || agencies[agency] === 'HOLD';
    if (undecided('customs')) await this.customs(truck);
    if (undecided('quarantine')) {
      await this.officer(truck, 'quarantine', 'quarantine1', 'OPEN', 'certificate verified');
    }
    if (undecided('borderGuard')) {
      await this.officer(
        truck,
        'border-guard',
        'borderguard1',
        'HOLD',
        'vehicle permit checked at the barrier',
      );
    }
  }

  /** customs1: a GREEN case clears by itself; YELLOW is a document check, RED an inspection first. */
  private async customs(truck: Truck): Promise<void> {
    if (truck.decided.has('customs')) return;
    const route = `/api/v1/agencies/customs/cases/${truck.shipmentId}`;
    const found = await this.api.as('customs1', 'GET', route);
    if (found.status !== 200 || found.body['status'] !== 'OPEN') return;
    const channel = String(found.body['channel']);
    if (channel === 'GREEN') return;
    truck.decided.add('customs');
    await sleep(1_000 + Math.random() * 3_000); // the officer reads the file
    let version = found.body['version'];
    if (channel === 'RED') {
      const inspected = await this.api.as('customs1', 'POST', `${route}/inspection`, {
        findings: 'goods match the declaration',
        seals: [`VN-${truck.index}${Date.now() % 10_000}`],
        expectedVersion: version,
      });
      if (inspected.status !== 200) throw new Error(`customs inspection: ${describe(inspected)}`);
      version = inspected.body['version'];
      this.log(`${label(truck)} inspected by customs1 (RED channel)`);
    }
    const decided = await this.api.as('customs1', 'POST', `${route}/decision`, {
      decision: 'CLEARED',
      reason: channel === 'RED' ? 'inspected, matches the declaration' : 'documents checked',
      expectedVersion: version,
    });
    if (decided.status !== 200) {
      truck.decided.delete('customs'); // a newer version: look again next time
      return;
    }
    this.log(`${label(truck)} customs ${channel}: cleared by customs1`);
  }

  /** An officer decides an undecided case of their agency (after a moment's reading). */
  private async officer(
    truck: Truck,
    agency: 'quarantine' | 'border-guard',
    username: string,
    waitingStatus: string,
    reason: string,
  ): Promise<void> {
    if (truck.decided.has(agency)) return;
    const route = `/api/v1/agencies/${agency}/cases/${truck.shipmentId}`;
    const found = await this.api.as(username, 'GET', route);
    if (found.status !== 200 || found.body['status'] !== waitingStatus) return;
    truck.decided.add(agency);
    await sleep(1_000 + Math.random() * 3_000);
    const decided = await this.api.as(username, 'POST', `${route}/decision`, {
      decision: 'CLEARED',
      reason,
      expectedVersion: found.body['version'],
    });
    if (decided.status !== 200) {
      truck.decided.delete(agency);
      return;
    }
    this.log(`${label(truck)} ${agency}: cleared by ${username}`);
  }

  /**
   * yard1 calls the next cleared truck to every free open lane; borderguard1 records the
   * crossing of each called truck a little later (the drive to the barrier).
   */
  private async yardLoop(): Promise<void> {
    while (!this.done) {
      try {
        const lanes = await this.api.as('yard1', 'GET', '/api/v1/yard/lanes?gateCode=MONGCAI');
        for (const lane of (lanes.body['items'] ?? []) as Json[]) {
          if (lane['open'] !== true || lane['direction'] === 'IMPORT') continue;
          const busy = typeof lane['busyShipmentId'] === 'string' ? lane['busyShipmentId'] : '';
          if (busy !== '') {
            this.cross(busy);
            continue;
          }
          const called = await this.api.as(
            'yard1',
            'POST',
            `/api/v1/yard/lanes/${String(lane['id'])}/call-next`,
          );
          if (called.status === 200) {
            const truck = this.trucks.find((each) => each.shipmentId === called.body['shipmentId']);
            this.log(
              `${truck === undefined ? String(called.body['plate']) : label(truck)} called by yard1 to lane ${String(lane['name'] ?? lane['id'])}`,
            );
            this.cross(String(called.body['shipmentId']));
          }
        }
      } catch (error) {
        this.log(`yard: ${error instanceof Error ? error.message : String(error)}`);
      }
      await sleep(2_000);
    }
  }

  /** borderguard1 at the barrier, once per called truck (retried until the guard knows the call). */
  private cross(shipmentId: string): void {
    if (this.crossing.has(shipmentId)) return;
    this.crossing.add(shipmentId);
    void (async () => {
      await sleep(1_500 + Math.random() * 2_500);
      for (let attempt = 0; attempt < 30; attempt += 1) {
        const crossed = await this.api
          .as('borderguard1', 'POST', '/api/v1/agencies/border-guard/crossings', { shipmentId })
          .catch(() => undefined);
        if (crossed?.status === 200) {
          const truck = this.trucks.find((each) => each.shipmentId === shipmentId);
          this.log(
            `${truck === undefined ? shipmentId : label(truck)} crossing recorded by borderguard1`,
          );
          return;
        }
        await sleep(1_000);
      }
      this.crossing.delete(shipmentId);
    })();
  }

  private log(line: string): void {
    const seconds = ((Date.now() - this.started) / 1_000).toFixed(1).padStart(6);
    process.stdout.write(`[${seconds}s] ${line}\n`);
  }
}

/** Read through a function: `arrive` and `advance` move the state behind the compiler's back. */
function departed(truck: Truck): boolean {
  return truck.state === 'DEPARTED';
}

function label(truck: Truck): string {
  return `#${truck.index + 1} ${truck.plate}`;
}

function describe(answer: Answer): string {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const detail = text(answer.body['detail']) || text(answer.body['title']);
  return `${answer.status} ${text(answer.body['code'])} ${detail}`.trim();
}

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('demo:traffic refuses to run with NODE_ENV=production');
  }
  const options = parseTrafficArgs(process.argv.slice(2), {
    url: process.env.GATEWAY_URL ?? 'http://127.0.0.1:8080',
    keyFile: path.join(REPO_ROOT, '.run', 'demo-camera-key'),
  });
  const key = options.key ?? readKey(options.keyFile);
  const live = await fetch(`${options.url}/health/live`).catch(() => undefined);
  if (live?.ok !== true) {
    throw new Error(`no gateway answers at ${options.url} (start the system with npm start)`);
  }
  process.stdout.write(
    `demo traffic: ${options.count} trucks over ${options.durationSeconds} s through ${options.url}\n`,
  );
  const ok = await new Traffic(new PublicApi(options.url, key), options).run();
  process.exitCode = ok ? 0 : 1;
}

function readKey(file: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`no camera API key at ${file} (npm start writes it; or pass --key)`);
  }
  return fs.readFileSync(file, 'utf8').trim();
}

main().catch((error: unknown) => {
  process.stderr.write(`demo:traffic: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
