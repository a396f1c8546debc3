import { OutboxWriter } from '@cuakhau/messaging';
import { TypeOrmTransactionRunner } from '@cuakhau/platform';
import type { DataSource } from 'typeorm';
import type { Actor } from '../cases/domain/border-guard-case';
import { WatchListChangeHandler } from '../watch-list/application/watch-list-change.handler';
import {
  normaliseDocumentNumber,
  normalisePlate,
  type WatchListEntry,
} from '../watch-list/domain/watch-list';
import { WatchListRepository } from '../watch-list/infrastructure/watch-list.repository';

export const DEMO_SEED_ACTOR: Actor = {
  kind: 'SYSTEM',
  id: 'border-guard.demo-seed',
  displayName: 'Dữ liệu demo / demo data',
};

/**
 * A few watch-list entries for the demo gate (`npm start` only — never the tests), so that a
 * person walking the demo can put a shipment on HOLD: register a driver with one of these names
 * (with or without diacritics, family name first or last) or document numbers, or a truck
 * with the listed plate. None of them is anywhere near the drivers the tests and the demo
 * accounts use (demo-watch-list.unit.spec.ts checks it with the matcher itself).
 */
export const DEMO_WATCH_LIST: readonly Omit<WatchListEntry, 'id'>[] = [
  {
    subject: 'PERSON',
    fullName: 'Hoàng Thị Ngọc Trâm',
    documentNumber: 'B9137264',
    nationality: 'VN',
    dateOfBirth: '1988-04-12',
    plate: '',
    reason: 'Lệnh truy nã / wanted notice (demo)',
    expiresAt: null,
  },
  {
    subject: 'PERSON',
    fullName: 'Đoàn Quốc Khánh',
    documentNumber: 'C4829157',
    nationality: 'VN',
    dateOfBirth: '1979-11-03',
    plate: '',
    reason: 'Cấm xuất cảnh / exit ban (demo)',
    expiresAt: null,
  },
  {
    subject: 'PERSON',
    fullName: 'Tôn Thất Lộc',
    documentNumber: 'N2718493',
    nationality: 'VN',
    dateOfBirth: '',
    plate: '',
    reason: 'Nghi vấn buôn lậu / suspected smuggling (demo)',
    expiresAt: null,
  },
  {
    subject: 'PERSON',
    fullName: 'Zhou Jianping',
    documentNumber: 'E73519264',
    nationality: 'CN',
    dateOfBirth: '1983-06-21',
    plate: '',
    reason: 'Nghi vấn buôn lậu / suspected smuggling (demo)',
    expiresAt: null,
  },
  {
    subject: 'PERSON',
    fullName: 'Ouyang Xiuying',
    documentNumber: 'EH4817302',
    nationality: 'CN',
    dateOfBirth: '',
    plate: '',
    reason: 'Giấy tờ bị báo mất / reported lost document (demo)',
    expiresAt: null,
  },
  {
    subject: 'VEHICLE',
    fullName: '',
    documentNumber: '',
    nationality: '',
    dateOfBirth: '',
    plate: 'GXK58213',
    reason: 'Xe bị báo mất cắp / reported stolen vehicle (demo)',
    expiresAt: null,
  },
];

/**
 * Adds the demo entries that are not on the list yet (same document number or plate among the
 * active entries), through the supervisors' own path: each addition is recorded and published
 * as WatchListEntryAdded by the demo-seed actor. Safe to run at every start.
 * @returns the names or plates added now.
 */
export async function seedDemoWatchList(dataSource: DataSource): Promise<string[]> {
  const repository = new WatchListRepository(dataSource);
  const changes = new WatchListChangeHandler(
    new TypeOrmTransactionRunner(dataSource),
    repository,
    new OutboxWriter(),
  );
  const active = await repository.list(false);
  const listed = new Set(
    active.flatMap(({ entry }) => [
      `document:${normaliseDocumentNumber(entry.documentNumber)}`,
      `plate:${normalisePlate(entry.plate)}`,
    ]),
  );
  const added: string[] = [];
  for (const entry of DEMO_WATCH_LIST) {
    const key =
      entry.subject === 'PERSON'
        ? `document:${normaliseDocumentNumber(entry.documentNumber)}`
        : `plate:${normalisePlate(entry.plate)}`;
    if (listed.has(key)) continue;
    await changes.add(entry, DEMO_SEED_ACTOR);
    added.push(entry.subject === 'PERSON' ? entry.fullName : entry.plate);
  }
  return added;
}
