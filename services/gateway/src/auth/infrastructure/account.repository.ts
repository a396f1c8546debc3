import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isRole, type Role } from '../domain/access-rules';

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly role: Role;
  readonly organisationId: string | undefined;
  readonly organisationName: string | undefined;
  readonly gateCode: string | undefined;
  readonly disabled: boolean;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  organisation_id: string | null;
  organisation_name: string | null;
  gate_code: string | null;
  disabled_at: Date | null;
}

const SELECT_USER = `
  SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.organisation_id,
         o.name AS organisation_name, u.gate_code, u.disabled_at
    FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id`;

/** Organisations and users (the only SQL on them). */
@Injectable()
export class AccountRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findByUsername(username: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await this.dataSource.query(`${SELECT_USER} WHERE u.username = $1`, [
      username,
    ]);
    return rows[0] === undefined ? undefined : toUser(rows[0]);
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const rows: UserRow[] = await this.dataSource.query(`${SELECT_USER} WHERE u.id = $1`, [id]);
    return rows[0] === undefined ? undefined : toUser(rows[0]);
  }

  /** Creates the organisation if its code is new; returns its id either way. */
  async ensureOrganisation(code: string, name: string): Promise<string> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO organisations (code, name) VALUES ($1, $2)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [code, name],
    );
    const id = rows[0]?.id;
    if (id === undefined) throw new Error(`organisation ${code} was not stored`);
    return id;
  }

  /** Creates the user if the username is new (an existing user is left as it is). */
  async ensureUser(user: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    organisationId?: string;
    gateCode?: string;
  }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO users (username, display_name, password_hash, role, organisation_id, gate_code)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [
        user.username,
        user.displayName,
        user.passwordHash,
        user.role,
        user.organisationId ?? null,
        user.gateCode ?? null,
      ],
    );
    return rows.length > 0;
  }
}

function toUser(row: UserRow): UserRecord {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    role: row.role,
    organisationId: row.organisation_id ?? undefined,
    organisationName: row.organisation_name ?? undefined,
    gateCode: row.gate_code ?? undefined,
    disabled: row.disabled_at !== null,
  };
}
