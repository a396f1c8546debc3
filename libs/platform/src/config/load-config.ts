import { z } from 'zod';
import { ConfigError, ConfigProblem } from './config.errors';

export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/**
 * Validates the environment once, at boot, into a typed and deeply frozen object.
 * The only place configuration enters a service: callers pass `process.env` (the
 * default) from their `main.ts`; nothing else reads it.
 */
export function loadConfig<S extends z.ZodTypeAny>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): DeepReadonly<z.infer<S>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(groupByVariable(result.error.issues.map(describeIssue)));
  }
  const data: unknown = result.data;
  return deepFreeze(data) as DeepReadonly<z.infer<S>>;
}

/** One entry per variable, even when it broke several rules. */
function groupByVariable(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const byVariable = new Map<string, string[]>();
  for (const { variable, problem } of problems) {
    const known = byVariable.get(variable) ?? [];
    if (!known.includes(problem)) {
      known.push(problem);
    }
    byVariable.set(variable, known);
  }
  return [...byVariable].map(([variable, list]) => ({ variable, problem: list.join(', ') }));
}

function describeIssue(issue: z.ZodIssue): ConfigProblem {
  const variable = issue.path.length > 0 ? issue.path.join('.') : '(environment)';
  return { variable, problem: problemOf(issue) };
}

/** A description of what is wrong that never includes the offending value. */
function problemOf(issue: z.ZodIssue): string {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return issue.received === 'undefined' ? 'is required' : `expected ${issue.expected}`;
    case z.ZodIssueCode.invalid_enum_value:
      return `expected one of ${issue.options.map(String).join(' | ')}`;
    case z.ZodIssueCode.invalid_literal:
      return `expected ${JSON.stringify(issue.expected)}`;
    case z.ZodIssueCode.invalid_string:
      return typeof issue.validation === 'string'
        ? `must be a valid ${issue.validation}`
        : issue.message;
    case z.ZodIssueCode.too_small:
      return issue.type === 'number' ? `must be at least ${String(issue.minimum)}` : issue.message;
    case z.ZodIssueCode.too_big:
      return issue.type === 'number' ? `must be at most ${String(issue.maximum)}` : issue.message;
    case z.ZodIssueCode.not_multiple_of:
      return `must be a multiple of ${String(issue.multipleOf)}`;
    case z.ZodIssueCode.unrecognized_keys:
      return `unexpected keys ${issue.keys.join(', ')}`;
    case z.ZodIssueCode.invalid_union:
    case z.ZodIssueCode.invalid_union_discriminator:
    case z.ZodIssueCode.invalid_arguments:
    case z.ZodIssueCode.invalid_return_type:
    case z.ZodIssueCode.invalid_date:
    case z.ZodIssueCode.invalid_intersection_types:
    case z.ZodIssueCode.not_finite:
    case z.ZodIssueCode.custom:
      // Messages of these codes are written by schema authors (or zod) without the input.
      return issue.message;
    default: {
      const unhandled: never = issue;
      return String(unhandled);
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    }
    Object.freeze(value);
  }
  return value;
}
