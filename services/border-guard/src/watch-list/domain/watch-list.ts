import { foldName, nameSimilarity } from './name-matching';

export type WatchListSubject = 'PERSON' | 'VEHICLE';
export type WatchListEntryState = 'ACTIVE' | 'EXPIRED' | 'REMOVED';
export type MatchBasis = 'DOCUMENT_NUMBER' | 'NAME' | 'PLATE';

/** One watch-list entry as the screening sees it (only ACTIVE, unexpired entries are screened). */
export interface WatchListEntry {
  readonly id: string;
  readonly subject: WatchListSubject;
  readonly fullName: string;
  readonly documentNumber: string;
  readonly nationality: string;
  /** YYYY-MM-DD or '' when unknown. */
  readonly dateOfBirth: string;
  /** Normalised plate (VEHICLE entries) or ''. */
  readonly plate: string;
  readonly reason: string;
  /** ISO 8601 or null (no end). */
  readonly expiresAt: string | null;
}

export interface PersonToScreen {
  readonly name: string;
  readonly documentNumber: string;
  readonly nationality: string;
  /** YYYY-MM-DD when known. */
  readonly dateOfBirth?: string;
}

export interface WatchListHit {
  readonly entry: WatchListEntry;
  readonly basis: MatchBasis;
  /** 1 for document number and plate, the name similarity otherwise. */
  readonly score: number;
  readonly screened: 'driver' | 'vehicle';
}

/** Upper case, letters and digits only: "c 123-4567" → "C1234567". */
export function normaliseDocumentNumber(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Upper case, letters and digits only: "14C-123.45" → "14C12345" (as the registry does). */
export function normalisePlate(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** The folded name with its tokens sorted (stored as `name_key`; the index uses name-index-keys.ts). */
export function nameKey(name: string): string {
  return foldName(name).split(' ').filter(Boolean).sort().join(' ');
}

/** Whether an entry is screened at `now`. */
export function isInForce(entry: WatchListEntry, now: Date): boolean {
  return entry.expiresAt === null || new Date(entry.expiresAt).getTime() > now.getTime();
}

/**
 * Screens a driver: an exact document-number match is a hit whatever the name; otherwise a
 * name match (see name-matching.ts) is a hit unless both dates of birth are known and differ.
 * One hit per entry, the strongest first.
 */
export function screenPerson(
  person: PersonToScreen,
  entries: readonly WatchListEntry[],
  now: Date,
): WatchListHit[] {
  const document = normaliseDocumentNumber(person.documentNumber);
  const hits: WatchListHit[] = [];
  for (const entry of entries) {
    if (entry.subject !== 'PERSON' || !isInForce(entry, now)) continue;
    if (document !== '' && normaliseDocumentNumber(entry.documentNumber) === document) {
      hits.push({ entry, basis: 'DOCUMENT_NUMBER', score: 1, screened: 'driver' });
      continue;
    }
    if (
      person.dateOfBirth !== undefined &&
      person.dateOfBirth !== '' &&
      entry.dateOfBirth !== '' &&
      person.dateOfBirth !== entry.dateOfBirth
    ) {
      continue;
    }
    const similarity = nameSimilarity(person.name, entry.fullName);
    if (similarity.matches) {
      hits.push({ entry, basis: 'NAME', score: similarity.score, screened: 'driver' });
    }
  }
  return hits.sort((a, b) => b.score - a.score);
}

/** Screens a vehicle's plates (tractor and trailer) against VEHICLE entries, exactly. */
export function screenVehicle(
  plates: readonly string[],
  entries: readonly WatchListEntry[],
  now: Date,
): WatchListHit[] {
  const wanted = new Set(plates.map(normalisePlate).filter((plate) => plate !== ''));
  return entries
    .filter(
      (entry) =>
        entry.subject === 'VEHICLE' &&
        isInForce(entry, now) &&
        wanted.has(normalisePlate(entry.plate)),
    )
    .map((entry) => ({ entry, basis: 'PLATE' as const, score: 1, screened: 'vehicle' as const }));
}
