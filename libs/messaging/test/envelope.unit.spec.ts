import {
  decodeEnvelope,
  decodePayload,
  encodeEvent,
  EnvelopeError,
  rowsOf,
  uuidv7,
  type EncodedEvent,
} from '../src';
import { EVENTS } from '@cuakhau/contracts';
import { probeContract } from './fixtures/probe.contract';

const contract = probeContract('test.probe.v1');
const origin = { topic: 'test.probe.v1', partition: 2, offset: '41', key: 'S-1' };

function encoded(): EncodedEvent {
  return encodeEvent({
    contract,
    key: 'S-1',
    source: '/cuakhau/test',
    message: { key: 'S-1', seq: 7, note: 'hello' },
    time: new Date('2026-12-01T01:30:00.000Z'),
  });
}

describe('CloudEvents envelope', () => {
  it('encodes binary mode: attributes in headers, proto JSON as the value, the key', () => {
    const event = encoded();
    expect(event.topic).toBe('test.probe.v1');
    expect(event.key).toBe('S-1');
    expect(event.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: '/cuakhau/test',
      ce_type: 'cuakhau.test.v1.Probe',
      ce_time: '2026-12-01T01:30:00.000Z',
      ce_subject: 'S-1',
      'content-type': 'application/json',
    });
    expect(JSON.parse(event.value)).toEqual({ key: 'S-1', seq: 7, note: 'hello' });
  });

  it('round-trips into a typed event with its origin', () => {
    const event = encoded();
    const received = decodePayload(
      contract,
      decodeEnvelope(event.headers),
      origin,
      Buffer.from(event.value),
    );
    expect(received).toMatchObject({
      id: event.id,
      type: 'cuakhau.test.v1.Probe',
      source: '/cuakhau/test',
      subject: 'S-1',
      time: '2026-12-01T01:30:00.000Z',
      partition: 2,
      offset: '41',
      data: { key: 'S-1', seq: 7, note: 'hello' },
    });
  });

  it('accepts Buffer header values as kafkajs delivers them', () => {
    const event = encoded();
    const buffers = Object.fromEntries(
      Object.entries(event.headers).map(([k, v]) => [k, Buffer.from(v)]),
    );
    expect(decodeEnvelope(buffers).id).toBe(event.id);
  });

  it.each([
    ['ce_id', 'missing required header ce_id'],
    ['ce_type', 'missing required header ce_type'],
    ['ce_source', 'missing required header ce_source'],
    ['ce_time', 'missing required header ce_time'],
    ['ce_subject', 'missing required header ce_subject'],
    ['ce_specversion', 'missing required header ce_specversion'],
    ['content-type', 'missing required header content-type'],
  ])('rejects a message without %s', (header, message) => {
    const headers: Record<string, string> = { ...encoded().headers };
    delete headers[header];
    expect(() => decodeEnvelope(headers)).toThrow(new EnvelopeError(message));
  });

  it('rejects a wrong spec version, a non-v7 id, a bad time and a non-JSON content type', () => {
    const headers = encoded().headers;
    expect(() => decodeEnvelope({ ...headers, ce_specversion: '0.3' })).toThrow(
      /unsupported ce_specversion/,
    );
    expect(() =>
      decodeEnvelope({ ...headers, ce_id: '123e4567-e89b-42d3-a456-426614174000' }),
    ).toThrow(/is not a UUIDv7/);
    expect(() => decodeEnvelope({ ...headers, ce_time: 'yesterday' })).toThrow(/not an RFC 3339/);
    expect(() => decodeEnvelope({ ...headers, 'content-type': 'application/protobuf' })).toThrow(
      /unsupported content-type/,
    );
  });

  it('rejects payloads that are not JSON, not an object, or not the contract', () => {
    const envelope = decodeEnvelope(encoded().headers);
    expect(() => decodePayload(contract, envelope, origin, Buffer.from('{nope'))).toThrow(
      /value is not JSON/,
    );
    expect(() => decodePayload(contract, envelope, origin, Buffer.from('[1]'))).toThrow(
      /not a JSON object/,
    );
    expect(() => decodePayload(contract, envelope, origin, Buffer.from('{"seq":1}'))).toThrow(
      /not a valid cuakhau.test.v1.Probe/,
    );
    expect(() => decodePayload(contract, envelope, origin, null)).toThrow(/no value/);
    expect(() =>
      decodePayload({ ...contract, type: 'other.v1.Thing' }, envelope, origin, Buffer.from('{}')),
    ).toThrow(/does not match contract/);
  });

  it('uses the given id or a fresh UUIDv7', () => {
    const id = uuidv7();
    expect(
      encodeEvent({ contract, key: 'k', source: '/s', message: { key: 'k', seq: 1, note: '' }, id })
        .id,
    ).toBe(id);
  });
});

describe('rowsOf', () => {
  it('reads pg results, TypeORM SELECT/INSERT arrays and TypeORM UPDATE tuples', () => {
    const rows = [{ id: 1 }];
    expect(rowsOf({ rows, rowCount: 1 })).toEqual(rows);
    expect(rowsOf(rows)).toEqual(rows);
    expect(rowsOf([rows, 1])).toEqual(rows);
    expect(rowsOf(undefined)).toEqual([]);
  });
});

describe('with a generated contract', () => {
  it('round-trips the cuakhau.platform.v1.Probe event of @cuakhau/contracts', () => {
    const contract = EVENTS.probe;
    const message = contract.fromJSON({});
    const event = encodeEvent({ contract, key: 'S-9', source: '/cuakhau/test', message });
    expect(event.headers.ce_type).toBe('cuakhau.platform.v1.Probe');
    expect(event.topic).toBe(contract.topic);
    const received = decodePayload(
      contract,
      decodeEnvelope(event.headers),
      origin,
      Buffer.from(event.value),
    );
    expect(received.data).toEqual(message);
  });
});
