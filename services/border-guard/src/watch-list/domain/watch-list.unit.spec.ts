import { screenPerson, screenVehicle, type WatchListEntry } from './watch-list';

const NOW = new Date('2026-12-01T00:00:00Z');

function entry(overrides: Partial<WatchListEntry>): WatchListEntry {
  return {
    id: 'e1',
    subject: 'PERSON',
    fullName: '',
    documentNumber: '',
    nationality: '',
    dateOfBirth: '',
    plate: '',
    reason: 'notice',
    expiresAt: null,
    ...overrides,
  };
}

describe('screenPerson', () => {
  const driver = { name: 'Nguyễn Văn An', documentNumber: 'C1234567', nationality: 'VN' };

  it('hits on the same document number whatever the name', () => {
    const hits = screenPerson(
      driver,
      [entry({ fullName: 'Someone Else', documentNumber: 'c 123-4567' })],
      NOW,
    );
    expect(hits).toEqual([expect.objectContaining({ basis: 'DOCUMENT_NUMBER', score: 1 })]);
  });

  it('hits on a folded name match', () => {
    expect(screenPerson(driver, [entry({ fullName: 'NGUYEN VAN AN' })], NOW)).toEqual([
      expect.objectContaining({ basis: 'NAME', score: 1, screened: 'driver' }),
    ]);
  });

  it('lets a different date of birth rule a name match out, and a same one keep it', () => {
    const listed = entry({ fullName: 'Nguyen Van An', dateOfBirth: '1980-02-03' });
    expect(screenPerson({ ...driver, dateOfBirth: '1991-05-06' }, [listed], NOW)).toEqual([]);
    expect(screenPerson({ ...driver, dateOfBirth: '1980-02-03' }, [listed], NOW)).toHaveLength(1);
  });

  it('ignores expired entries and vehicles', () => {
    expect(
      screenPerson(
        driver,
        [
          entry({ fullName: 'Nguyen Van An', expiresAt: '2026-11-30T00:00:00Z' }),
          entry({ subject: 'VEHICLE', plate: '14C12345', fullName: 'Nguyen Van An' }),
        ],
        NOW,
      ),
    ).toEqual([]);
  });
});

describe('screenVehicle', () => {
  it('matches tractor or trailer plate exactly after normalisation', () => {
    const listed = entry({ subject: 'VEHICLE', plate: '14R00678' });
    expect(screenVehicle(['14C-123.45', '14R-006.78'], [listed], NOW)).toHaveLength(1);
    expect(screenVehicle(['14C-123.45'], [listed], NOW)).toEqual([]);
  });
});
