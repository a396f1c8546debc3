import { z } from 'zod';
import { CodedError, type FieldProblem } from '@cuakhau/platform';

/** Field problems of a failed zod parse: `vehicle.plate`, `goods[0].hsCode`, unknown keys. */
export function fieldProblemsOf(error: z.ZodError, prefix = ''): FieldProblem[] {
  return error.issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      return issue.keys.map((key) => ({
        field: pathOf(prefix, [...issue.path, key]),
        code: 'UNKNOWN_FIELD',
        message: 'this field is not part of the request',
      }));
    }
    const missing = issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined';
    return [
      {
        field: pathOf(prefix, issue.path) || '(body)',
        code: missing ? 'REQUIRED' : issue.code === 'invalid_type' ? 'WRONG_TYPE' : 'INVALID',
        message: missing ? 'is required' : issue.message,
      },
    ];
  });
}

function pathOf(prefix: string, path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`,
    prefix,
  );
}

/** Parses a body, query or header set; a mismatch is a 400 with every failing field. */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what = 'request',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new CodedError('GATEWAY.VALIDATION_FAILED', 'INVALID', `the ${what} is invalid`, {
      fields: fieldProblemsOf(result.error),
    });
  }
  return result.data as z.infer<S>;
}
