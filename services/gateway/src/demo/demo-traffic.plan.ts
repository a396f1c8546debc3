/**
 * What `npm run demo:traffic` sends, as pure functions: its options, the goods a truck
 * carries, its plate. Randomness is injected (a `() => number` in [0, 1)), so a plan can be
 * replayed in tests.
 */

export interface TrafficOptions {
  /** Trucks to send through the gate. */
  readonly count: number;
  /** Seconds over which the registrations are spread. */
  readonly durationSeconds: number;
  /** The gateway, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  /** The camera API key, or undefined to read it from `keyFile`. */
  readonly key: string | undefined;
  readonly keyFile: string;
  /** Seconds a truck may take from registration to crossing before it counts as failed. */
  readonly journeyTimeoutSeconds: number;
}

export type Random = () => number;

const USAGE =
  'usage: npm run demo:traffic -- [--count N] [--duration SECONDS] [--url URL] [--key KEY | --key-file FILE] [--journey-timeout SECONDS]';

/** Parses `--count 3 --duration 60 …`; throws with the usage on anything else. */
export function parseTrafficArgs(
  args: readonly string[],
  defaults: { url: string; keyFile: string },
): TrafficOptions {
  const values = new Map<string, string>();
  for (let index = 0; index < args.length; index += 2) {
    const name = args[index] ?? '';
    const value = args[index + 1];
    if (
      !['--count', '--duration', '--url', '--key', '--key-file', '--journey-timeout'].includes(
        name,
      ) ||
      value === undefined
    ) {
      throw new Error(`${name === '' ? 'missing argument' : `bad argument ${name}`}\n${USAGE}`);
    }
    values.set(name, value);
  }
  const positive = (name: string, fallback: number, max: number): number => {
    const text = values.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new Error(`${name} must be an integer from 0 to ${max}\n${USAGE}`);
    }
    return value;
  };
  const count = positive('--count', 12, 10_000);
  if (count === 0) throw new Error(`--count must be at least 1\n${USAGE}`);
  return {
    count,
    durationSeconds: positive('--duration', 120, 86_400),
    url: (values.get('--url') ?? defaults.url).replace(/\/+$/, ''),
    key: values.get('--key'),
    keyFile: values.get('--key-file') ?? defaults.keyFile,
    journeyTimeoutSeconds: Math.max(10, positive('--journey-timeout', 300, 86_400)),
  };
}

/** One goods line as POST /shipments takes it, with the document it comes with. */
export interface CargoKind {
  readonly label: string;
  readonly goods: {
    readonly hsCode: string;
    readonly description: string;
    readonly unit: string;
    readonly origin: string;
  };
  /** Kilograms per load, and USD per kilogram (a value far outside the usual band draws a check). */
  readonly grossKg: readonly [number, number];
  readonly usdPerKg: readonly [number, number];
  readonly documents: readonly { readonly type: string; readonly prefix: string }[];
}

/**
 * Exports of the Móng Cái gate: fresh fruit (customs document check, quarantine),
 * vegetables and cassava starch (quarantine), frozen fish (veterinary), furniture, rubber
 * and electronics (green), now and then under-valued electronics (customs document check).
 */
export const CARGO: readonly CargoKind[] = [
  {
    label: 'fresh dragon fruit',
    goods: {
      hsCode: '08109099',
      description: 'Thanh long tươi / fresh dragon fruit',
      unit: 'KGM',
      origin: 'VN',
    },
    grossKg: [15_000, 22_000],
    usdPerKg: [0.6, 1.2],
    documents: [{ type: 'PHYTO_CERT', prefix: 'KD' }],
  },
  {
    label: 'fresh onions',
    goods: {
      hsCode: '07031019',
      description: 'Hành tây tươi / fresh onions',
      unit: 'KGM',
      origin: 'VN',
    },
    grossKg: [16_000, 20_000],
    usdPerKg: [0.4, 0.6],
    documents: [{ type: 'PHYTO_CERT', prefix: 'KD' }],
  },
  {
    label: 'cassava starch',
    goods: {
      hsCode: '11081400',
      description: 'Tinh bột sắn / cassava starch',
      unit: 'KGM',
      origin: 'VN',
    },
    grossKg: [20_000, 26_000],
    usdPerKg: [0.4, 0.5],
    documents: [{ type: 'PHYTO_CERT', prefix: 'KD' }],
  },
  {
    label: 'frozen pangasius fillets',
    goods: {
      hsCode: '03046200',
      description: 'Cá tra phi lê đông lạnh / frozen pangasius fillets',
      unit: 'KGM',
      origin: 'VN',
    },
    grossKg: [18_000, 22_000],
    usdPerKg: [2.2, 3.0],
    documents: [{ type: 'VET_CERT', prefix: 'TY' }],
  },
  {
    label: 'wooden furniture',
    goods: {
      hsCode: '94036090',
      description: 'Bàn ghế gỗ / wooden furniture',
      unit: 'PCE',
      origin: 'VN',
    },
    grossKg: [2_500, 6_000],
    usdPerKg: [4, 7],
    documents: [{ type: 'INVOICE', prefix: 'HD' }],
  },
  {
    label: 'natural rubber',
    goods: {
      hsCode: '40012290',
      description: 'Cao su tự nhiên SVR 3L / natural rubber',
      unit: 'KGM',
      origin: 'VN',
    },
    grossKg: [19_000, 21_000],
    usdPerKg: [1.5, 1.8],
    documents: [{ type: 'INVOICE', prefix: 'HD' }],
  },
  {
    label: 'headphones',
    goods: {
      hsCode: '85183020',
      description: 'Tai nghe / headphones',
      unit: 'PCE',
      origin: 'VN',
    },
    grossKg: [1_500, 4_000],
    usdPerKg: [40, 90],
    documents: [{ type: 'INVOICE', prefix: 'HD' }],
  },
  {
    label: 'headphones (declared far below the usual value)',
    goods: {
      hsCode: '85183020',
      description: 'Tai nghe / headphones',
      unit: 'PCE',
      origin: 'VN',
    },
    grossKg: [1_500, 4_000],
    usdPerKg: [0.5, 1.5],
    documents: [{ type: 'INVOICE', prefix: 'HD' }],
  },
];

function between(random: Random, [low, high]: readonly [number, number]): number {
  return low + (high - low) * random();
}

/** A truck's registration body (POST /shipments) and what it carries. */
export function shipmentRequest(
  sequence: number,
  plate: string,
  random: Random,
  now: Date,
): { body: Record<string, unknown>; cargo: CargoKind } {
  const cargo = CARGO[Math.floor(random() * CARGO.length)] ?? CARGO[0];
  if (cargo === undefined) throw new Error('no cargo kinds');
  const grossKg = Math.round(between(random, cargo.grossKg));
  const valueUsd = Math.max(1, Math.round(grossKg * between(random, cargo.usdPerKg)));
  const quantity =
    cargo.goods.unit === 'KGM' ? Math.round(grossKg * 0.95) : Math.round(grossKg / 25);
  const stamp = `${now.getTime()}`.slice(-8);
  return {
    cargo,
    body: {
      gateCode: 'MONGCAI',
      direction: 'EXPORT',
      declarationNumber: `30${stamp}${String(sequence % 100).padStart(2, '0')}`,
      plannedArrival: new Date(now.getTime() + 20 * 60_000).toISOString(),
      vehicle: { plate, country: 'VN' },
      driver: {
        name: DRIVERS[Math.floor(random() * DRIVERS.length)] ?? 'Nguyễn Văn An',
        documentNumber: `C${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
        nationality: 'VN',
      },
      goods: [{ ...cargo.goods, quantity, grossKg, valueUsd }],
      documents: cargo.documents.map((document, index) => ({
        type: document.type,
        number: `${document.prefix}-2026-${stamp.slice(-4)}${sequence}${index}`,
      })),
    },
  };
}

const DRIVERS = [
  'Nguyễn Văn An',
  'Trần Văn Bình',
  'Lê Minh Châu',
  'Phạm Quốc Dũng',
  'Hoàng Văn Em',
  'Vũ Thị Giang',
];

/** Distinct Quảng Ninh (14C) plates for this run, e.g. `14C-482.13`. */
export function truckPlates(count: number, random: Random): string[] {
  const plates = new Set<string>();
  while (plates.size < count) {
    const digits = String(Math.floor(random() * 100_000)).padStart(5, '0');
    plates.add(`14C-${digits.slice(0, 3)}.${digits.slice(3)}`);
  }
  return [...plates];
}

/** When the `index`-th of `count` trucks registers, in ms after the start. */
export function registrationOffsetMs(
  index: number,
  count: number,
  durationSeconds: number,
): number {
  return count <= 1 ? 0 : Math.round((index * durationSeconds * 1_000) / count);
}
