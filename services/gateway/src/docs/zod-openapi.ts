import { z } from 'zod';

/** An OpenAPI 3 schema object (the subset the gateway's request schemas produce). */
export interface OpenApiSchema {
  [key: string]: unknown;
}

/**
 * The OpenAPI schema of a zod schema, so that one schema both validates a request and
 * documents it (objects, strings with formats and lengths, numbers, enums, arrays,
 * optionals, nullables, defaults).
 */
export function openApiSchemaOf(schema: z.ZodTypeAny): OpenApiSchema {
  const description = schema.description === undefined ? {} : { description: schema.description };
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    const inner = openApiSchemaOf(schema.unwrap() as z.ZodTypeAny);
    return schema instanceof z.ZodNullable ? { ...inner, nullable: true } : inner;
  }
  if (schema instanceof z.ZodDefault) {
    const inner = schema._def.innerType as z.ZodTypeAny;
    return { ...openApiSchemaOf(inner), default: schema._def.defaultValue() as unknown };
  }
  if (schema instanceof z.ZodEffects) {
    return openApiSchemaOf(schema.innerType() as z.ZodTypeAny);
  }
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>;
    const required = Object.entries(shape)
      .filter(([, value]) => !value.isOptional())
      .map(([key]) => key);
    return {
      type: 'object',
      ...description,
      properties: Object.fromEntries(
        Object.entries(shape).map(([key, value]) => [key, openApiSchemaOf(value)]),
      ),
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: schema._def.unknownKeys !== 'strict',
    };
  }
  if (schema instanceof z.ZodArray) {
    const element = schema.element as z.ZodTypeAny;
    return {
      type: 'array',
      ...description,
      items: openApiSchemaOf(element),
      ...(schema._def.minLength === null ? {} : { minItems: schema._def.minLength.value }),
      ...(schema._def.maxLength === null ? {} : { maxItems: schema._def.maxLength.value }),
    };
  }
  if (schema instanceof z.ZodEnum) {
    return { type: 'string', ...description, enum: [...(schema.options as string[])] };
  }
  if (schema instanceof z.ZodLiteral) {
    return { ...description, enum: [schema.value as unknown] };
  }
  if (schema instanceof z.ZodString) {
    const out: OpenApiSchema = { type: 'string', ...description };
    for (const check of schema._def.checks) {
      if (check.kind === 'min') out['minLength'] = check.value;
      if (check.kind === 'max') out['maxLength'] = check.value;
      if (check.kind === 'datetime') out['format'] = 'date-time';
      if (check.kind === 'uuid') out['format'] = 'uuid';
      if (check.kind === 'regex') out['pattern'] = check.regex.source;
    }
    return out;
  }
  if (schema instanceof z.ZodNumber) {
    const out: OpenApiSchema = {
      type: schema.isInt ? 'integer' : 'number',
      ...description,
    };
    for (const check of schema._def.checks) {
      if (check.kind === 'min') out[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
      if (check.kind === 'max') out[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
    }
    return out;
  }
  if (schema instanceof z.ZodBoolean) return { type: 'boolean', ...description };
  return { ...description };
}
