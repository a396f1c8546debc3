import { context, propagation } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import type { EventContract } from '@cuakhau/contracts';
import { isUuidV7, uuidv7 } from './uuid-v7';

/**
 * What the messaging layer needs to know about an event type: the generated
 * `EventContract<T>` of `@cuakhau/contracts` (`ce_type`, topic, proto3 JSON codec). Tests
 * and benchmarks may build their own of the same shape.
 */
export type MessagingContract<T> = EventContract<T>;

/** An event to publish (through the outbox). */
export interface OutgoingEvent<T> {
  contract: MessagingContract<T>;
  /** Kafka key: the shipment id, so that one shipment's events stay ordered. */
  key: string;
  /** CloudEvents `ce_subject`: the shipment id. Defaults to `key`. */
  subject?: string;
  /** CloudEvents `ce_source`, e.g. `/cuakhau/registry`. */
  source: string;
  message: T;
  /** Event id; a new UUIDv7 when omitted. */
  id?: string;
  /** Event time; now when omitted. */
  time?: Date;
}

/** CloudEvents binary-mode headers (string values only). */
export type EnvelopeHeaders = Record<string, string>;

/** An event encoded for Kafka: what the outbox stores and the relay produces. */
export interface EncodedEvent {
  id: string;
  topic: string;
  key: string;
  headers: EnvelopeHeaders;
  value: string;
}

export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export const CE_SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * Encodes an event as CloudEvents 1.0 binary mode: attributes in headers, the proto3 JSON of
 * the message as the value, the shipment id as the key. The active OpenTelemetry context is
 * injected as `traceparent`/`tracestate` (nothing is added when no SDK is registered).
 */
export function encodeEvent<T>(event: OutgoingEvent<T>): EncodedEvent {
  const id = event.id ?? uuidv7();
  const headers: EnvelopeHeaders = {
    [CE_HEADERS.specversion]: CE_SPEC_VERSION,
    [CE_HEADERS.id]: id,
    [CE_HEADERS.source]: event.source,
    [CE_HEADERS.type]: event.contract.type,
    [CE_HEADERS.time]: (event.time ?? new Date()).toISOString(),
    [CE_HEADERS.subject]: event.subject ?? event.key,
    [CE_HEADERS.contentType]: JSON_CONTENT_TYPE,
  };
  propagation.inject(context.active(), headers);
  return {
    id,
    topic: event.contract.topic,
    key: event.key,
    headers,
    value: JSON.stringify(event.contract.toJSON(event.message)),
  };
}

/** The CloudEvents attributes of a received message, before its payload is decoded. */
export interface EventEnvelope {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  specversion: string;
  contentType: string;
  traceparent?: string;
  tracestate?: string;
}

/** Where a received message came from. */
export interface EventOrigin {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/** A decoded, typed event as a handler sees it. */
export interface ReceivedEvent<T> extends EventEnvelope, EventOrigin {
  data: T;
}

/** A message that cannot be decoded: it is a poison message and goes to the dead-letter topic. */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

/** Kafka header values come as Buffer, string or arrays of them; the envelope uses the first. */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** All headers as text (for re-publishing to a dead-letter topic and for trace extraction). */
export function headersAsText(headers: IHeaders | undefined): EnvelopeHeaders {
  const text: EnvelopeHeaders = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = headerText(headers, name);
    if (value !== undefined) text[name] = value;
  }
  return text;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Reads and validates the CloudEvents headers; throws {@link EnvelopeError} naming what is wrong. */
export function decodeEnvelope(headers: IHeaders | undefined): EventEnvelope {
  const required = (name: string): string => {
    const value = headerText(headers, name);
    if (value === undefined || value === '') {
      throw new EnvelopeError(`missing required header ${name}`);
    }
    return value;
  };
  const specversion = required(CE_HEADERS.specversion);
  if (specversion !== CE_SPEC_VERSION) {
    throw new EnvelopeError(
      `unsupported ${CE_HEADERS.specversion} ${specversion} (expected ${CE_SPEC_VERSION})`,
    );
  }
  const id = required(CE_HEADERS.id);
  if (!isUuidV7(id)) throw new EnvelopeError(`${CE_HEADERS.id} ${id} is not a UUIDv7`);
  const time = required(CE_HEADERS.time);
  if (!RFC3339.test(time) || Number.isNaN(Date.parse(time))) {
    throw new EnvelopeError(`${CE_HEADERS.time} ${time} is not an RFC 3339 timestamp`);
  }
  const contentType = required(CE_HEADERS.contentType);
  if (contentType.split(';')[0]?.trim().toLowerCase() !== JSON_CONTENT_TYPE) {
    throw new EnvelopeError(
      `unsupported content-type ${contentType} (expected ${JSON_CONTENT_TYPE})`,
    );
  }
  const envelope: EventEnvelope = {
    id,
    type: required(CE_HEADERS.type),
    source: required(CE_HEADERS.source),
    subject: required(CE_HEADERS.subject),
    time,
    specversion,
    contentType,
  };
  const traceparent = headerText(headers, CE_HEADERS.traceparent);
  if (traceparent !== undefined) envelope.traceparent = traceparent;
  const tracestate = headerText(headers, CE_HEADERS.tracestate);
  if (tracestate !== undefined) envelope.tracestate = tracestate;
  return envelope;
}

/** Decodes the value of a message with a validated envelope into the contract's type. */
export function decodePayload<T>(
  contract: MessagingContract<T>,
  envelope: EventEnvelope,
  origin: EventOrigin,
  value: Buffer | null,
): ReceivedEvent<T> {
  if (envelope.type !== contract.type) {
    throw new EnvelopeError(`event type ${envelope.type} does not match contract ${contract.type}`);
  }
  if (value === null) throw new EnvelopeError('message has no value');
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (error) {
    throw new EnvelopeError(
      `value is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new EnvelopeError('value is not a JSON object');
  }
  let data: T;
  try {
    data = contract.fromJSON(json);
  } catch (error) {
    throw new EnvelopeError(
      `value is not a valid ${contract.type}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { ...envelope, ...origin, data };
}
