import { parseGateChange } from './yard.repository';

describe('gate change notifications', () => {
  it.each([
    ['{"gateCode":"MONGCAI","trucks":["a","b"]}', { gateCode: 'MONGCAI', trucks: ['a', 'b'] }],
    ['{"gateCode":"MONGCAI","trucks":["a"],"rate":true}', { trucks: ['a'], rate: true }],
    ['{"gateCode":"MONGCAI","full":true}', { trucks: [], full: true }],
    // A bare gate code (the earlier payload) still rebuilds the gate.
    ['MONGCAI', { gateCode: 'MONGCAI', full: true }],
  ])('%s', (payload, expected) => {
    expect(parseGateChange(payload)).toMatchObject(expected);
  });

  it.each(['', '{"trucks":["a"]}', '{not json'])('ignores %j', (payload) => {
    expect(parseGateChange(payload)).toBeUndefined();
  });
});
