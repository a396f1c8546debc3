import { displayedStatus, lookupKeyOf, lookupPassCode, lookupPlate } from './driver-lookup';

describe('the driver lookup key', () => {
  it('is one key for every way of typing the same plate and pass code', () => {
    expect(lookupPlate('14c 123.45')).toBe('14C12345');
    expect(lookupPassCode('7k3m q9xd-2h4t')).toBe('7K3MQ9XD2H4T');
    expect(lookupPassCode('IL0O')).toBe('1100');
    const key = lookupKeyOf('14C-123.45', '7K3M-Q9XD-2H4T');
    expect(lookupKeyOf('14c 12345', '7k3mq9xd2h4t')).toBe(key);
    expect(key.startsWith('14C12345:')).toBe(true);
  });

  it('never holds the pass code in clear, and differs for another code or plate', () => {
    const key = lookupKeyOf('14C-123.45', '7K3M-Q9XD-2H4T');
    expect(key).not.toContain('7K3M');
    expect(key).toMatch(/^14C12345:[0-9a-f]{64}$/);
    expect(lookupKeyOf('14C-123.45', '7K3M-Q9XD-2H4V')).not.toBe(key);
    expect(lookupKeyOf('14C-123.46', '7K3M-Q9XD-2H4T')).not.toBe(key);
  });
});

describe('the status a driver sees', () => {
  it('is CALLED as soon as the queue called the truck, before the registry follows', () => {
    expect(displayedStatus('CLEARED', 'CALLED')).toBe('CALLED');
    expect(displayedStatus('NO_SHOW', 'CALLED')).toBe('CALLED');
    expect(displayedStatus('CALLED', 'CALLED')).toBe('CALLED');
  });

  it('follows the queue for the arrival and the crossing too', () => {
    expect(displayedStatus('REGISTERED', 'WAITING')).toBe('ARRIVED');
    expect(displayedStatus('CALLED', 'DEPARTED')).toBe('DEPARTED');
    expect(displayedStatus('CLEARED', 'DEPARTED')).toBe('DEPARTED');
  });

  it("keeps the registry's word otherwise: decisions, and no queue answer", () => {
    expect(displayedStatus('HELD', 'WAITING')).toBe('HELD');
    expect(displayedStatus('HELD', 'CALLED')).toBe('HELD');
    expect(displayedStatus('REJECTED', 'DEPARTED')).toBe('REJECTED');
    expect(displayedStatus('CANCELLED', 'REMOVED')).toBe('CANCELLED');
    expect(displayedStatus('IN_REVIEW', 'WAITING')).toBe('IN_REVIEW');
    expect(displayedStatus('CLEARED', 'UNKNOWN')).toBe('CLEARED');
  });
});
