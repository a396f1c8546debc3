/** RFC 9457 problem details as the gateway answers them (DESIGN.md §5). */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/** Reads any error body (problem+json or not) into a Problem; never throws. */
export function parseProblem(status: number, body: unknown): Problem {
  if (!isRecord(body)) {
    return { status, code: `HTTP_${status}`, title: '', detail: '', errors: [] };
  }
  const errors = Array.isArray(body['errors'])
    ? body['errors'].filter(isRecord).map((entry): FieldProblem => ({
        field: text(entry['field'], '(body)'),
        code: text(entry['code'], 'INVALID'),
        message: text(entry['message'], ''),
      }))
    : [];
  return {
    status: typeof body['status'] === 'number' ? body['status'] : status,
    code: text(body['code'], `HTTP_${status}`),
    title: text(body['title'], ''),
    detail: text(body['detail'], ''),
    errors,
  };
}

/** The first problem per field path (`vehicle.plate`, `goods[0].hsCode`). */
export function fieldErrorsOf(problem: Problem): Readonly<Record<string, FieldProblem>> {
  const byField: Record<string, FieldProblem> = {};
  for (const error of problem.errors) {
    byField[error.field] ??= error;
  }
  return byField;
}

/** The i18n key of a field problem's code (unknown codes read as INVALID). */
export function fieldErrorKey(code: string): string {
  const known = ['REQUIRED', 'WRONG_TYPE', 'INVALID', 'UNKNOWN_FIELD'];
  return `errors.field.${known.includes(code) ? code : 'INVALID'}`;
}

/** The i18n key of a whole-request problem: by HTTP status, the message a person can act on. */
export function problemKey(problem: Problem): string {
  switch (problem.status) {
    case 400:
      return 'errors.status.400';
    case 401:
      return 'errors.status.401';
    case 403:
      return 'errors.status.403';
    case 404:
      return 'errors.status.404';
    case 409:
      return 'errors.status.409';
    case 429:
      return 'errors.status.429';
    case 503:
      return 'errors.status.503';
    case 0:
      return 'errors.status.network';
    default:
      return 'errors.status.other';
  }
}

/** A failed call: the parsed problem travels with it. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}`);
    this.name = 'ApiError';
  }
}
