import { nameSimilarity } from '../watch-list/domain/name-matching';
import { screenPerson, screenVehicle, type WatchListEntry } from '../watch-list/domain/watch-list';
import { DEMO_WATCH_LIST } from './demo-watch-list';

const NOW = new Date('2026-12-01T08:00:00Z');
const ENTRIES: WatchListEntry[] = DEMO_WATCH_LIST.map((entry, index) => ({
  ...entry,
  id: `demo-${index}`,
}));

/**
 * Drivers, documents and plates the tests (services/*\/test, web journeys) and the demo
 * accounts use: none of them may hit the demo watch list.
 */
const USED_DRIVERS = [
  ['Nguyễn Văn An', 'C1234567'],
  ['Nguyễn Văn An', 'N0000001'],
  ['Nguyen Van Anh', ''],
  ['Trần Thị Bình', 'C7654321'],
  ['Trần Thị Bích', 'B7654321'],
  ['Lê Văn An', ''],
  ['Lê Thị Hoa', 'C1234567'],
  ['Lê Văn Cường', ''],
  ['Lê Văn Kiểm', ''],
  ['An', 'C1234567'],
  ['Wang Xiaoming', ''],
  ['Chen Jianguo', ''],
  ['Zhang Wei', ''],
  ['Đặng Văn Đức', ''],
  ['Pham Minh Tuan', ''],
] as const;
const USED_PLATES = ['14C12345', '14C22222', '29C12345', '51D67890', '14C33333', '14C99999'];

describe('demo watch list', () => {
  it.each(USED_DRIVERS)('does not hold the test driver %s (%s)', (name, documentNumber) => {
    expect(screenPerson({ name, documentNumber, nationality: 'VN' }, ENTRIES, NOW)).toEqual([]);
  });

  it('does not hold the trucks of the seeded vehicle permits', () => {
    expect(screenVehicle([...USED_PLATES, 'GXA12345', 'GXB67890'], ENTRIES, NOW)).toEqual([]);
  });

  it('holds a driver written without diacritics, family name last, or by document alone', () => {
    const byName = screenPerson(
      { name: 'Ngoc Tram Hoang Thi', documentNumber: 'B1111111', nationality: 'VN' },
      ENTRIES,
      NOW,
    );
    expect(byName.map((hit) => [hit.entry.fullName, hit.basis])).toEqual([
      ['Hoàng Thị Ngọc Trâm', 'NAME'],
    ]);
    const byDocument = screenPerson(
      { name: 'Someone Else', documentNumber: 'e7351-9264', nationality: 'CN' },
      ENTRIES,
      NOW,
    );
    expect(byDocument.map((hit) => hit.basis)).toEqual(['DOCUMENT_NUMBER']);
    expect(nameSimilarity('Zhou Jian Ping', 'Zhou Jianping').matches).toBe(true);
    expect(screenVehicle(['GXK-582.13'], ENTRIES, NOW)).toHaveLength(1);
  });
});
