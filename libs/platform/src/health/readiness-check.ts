/**
 * One dependency the service needs before it can take traffic. A class, so it is its
 * own injection token: `HealthModule.forRoot({ checks: [PostgresReadinessCheck, ...] })`.
 * `check()` resolves when the dependency answers and rejects (with a short reason) when not.
 */
export abstract class ReadinessCheck {
  abstract readonly name: string;
  abstract check(): Promise<void>;
}
