import { checkCertificates, missingCertificates, requiredCertificate } from './certificates';

describe('certificates', () => {
  it.each([
    ['PLANT', 'PHYTO_CERT'],
    ['ANIMAL', 'VET_CERT'],
    ['FOOD_SAFETY', 'FOOD_SAFETY_CERT'],
  ] as const)('%s requires %s', (kind, type) => {
    expect(requiredCertificate(kind)).toBe(type);
  });

  it.each([
    ['present', [{ type: 'PHYTO_CERT', number: 'KD-1' }], true],
    ['type in lower case', [{ type: 'phyto_cert', number: 'KD-1' }], true],
    ['blank number', [{ type: 'PHYTO_CERT', number: ' ' }], false],
    ['another certificate', [{ type: 'VET_CERT', number: 'TY-1' }], false],
    ['no documents', [], false],
  ])('a plant shipment with %s → present %s', (_name, documents, present) => {
    const [check] = checkCertificates(['PLANT'], documents);
    expect(check?.present).toBe(present);
  });

  it('lists every missing certificate of several kinds', () => {
    const checks = checkCertificates(
      ['PLANT', 'ANIMAL', 'FOOD_SAFETY'],
      [{ type: 'VET_CERT', number: 'TY-2026-9' }],
    );
    expect(checks[1]).toEqual({
      type: 'VET_CERT',
      kind: 'ANIMAL',
      present: true,
      number: 'TY-2026-9',
    });
    expect(missingCertificates(checks)).toEqual(['PHYTO_CERT', 'FOOD_SAFETY_CERT']);
  });
});
