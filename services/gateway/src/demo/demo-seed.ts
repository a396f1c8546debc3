import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Role } from '../auth/domain/access-rules';
import { hashPassword } from '../auth/domain/password';
import { AccountRepository } from '../auth/infrastructure/account.repository';
import { ApiKeyRepository } from '../auth/infrastructure/api-key.repository';

export const DEMO_GATE = 'MONGCAI';
export const DEMO_PASSWORD = 'CuaKhau#2026';
export const DEMO_CAMERA_KEY_NAME = 'mongcai-yard-camera-1';

interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisation?: { code: string; name: string };
  readonly gateCode?: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'trader1',
    displayName: 'Trần Thị Bình (Công ty TNHH Nông sản Bắc Việt)',
    role: 'TRADER',
    organisation: { code: 'BACVIET', name: 'Công ty TNHH Nông sản Bắc Việt' },
  },
  {
    username: 'trader2',
    displayName: 'Lê Văn Cường (Công ty CP Logistics Hải Hà)',
    role: 'TRADER',
    organisation: { code: 'HAIHA', name: 'Công ty CP Logistics Hải Hà' },
  },
  {
    username: 'customs1',
    displayName: 'Hải quan Móng Cái 1',
    role: 'CUSTOMS_OFFICER',
    gateCode: DEMO_GATE,
  },
  {
    username: 'borderguard1',
    displayName: 'Biên phòng Móng Cái 1',
    role: 'BORDER_GUARD_OFFICER',
    gateCode: DEMO_GATE,
  },
  {
    username: 'quarantine1',
    displayName: 'Kiểm dịch Móng Cái 1',
    role: 'QUARANTINE_OFFICER',
    gateCode: DEMO_GATE,
  },
  {
    username: 'yard1',
    displayName: 'Bãi xe Móng Cái 1',
    role: 'YARD_OPERATOR',
    gateCode: DEMO_GATE,
  },
  {
    username: 'supervisor1',
    displayName: 'Giám sát Móng Cái 1',
    role: 'SUPERVISOR',
    gateCode: DEMO_GATE,
  },
];

export interface DemoSeedResult {
  readonly createdUsers: readonly string[];
  /** The camera's API key in clear (from `.run/demo-camera-key`), or undefined if lost. */
  readonly cameraKey: string | undefined;
  readonly cameraKeyCreated: boolean;
}

/** A camera API key `ck_<id>_<secret>`; only the SHA-256 of the secret is stored. */
export function newApiKey(): { id: string; key: string; hash: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `ck_${id}_${secret}`, hash: createHash('sha256').update(secret).digest('hex') };
}

/** Idempotent: creates what is missing (organisations, users, the camera key), keeps the rest. */
export async function seedDemo(dataSource: DataSource, runDir: string): Promise<DemoSeedResult> {
  const accounts = new AccountRepository(dataSource);
  const apiKeys = new ApiKeyRepository(dataSource);
  const createdUsers: string[] = [];
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const organisationId =
      user.organisation === undefined
        ? undefined
        : await accounts.ensureOrganisation(user.organisation.code, user.organisation.name);
    const created = await accounts.ensureUser({
      username: user.username,
      displayName: user.displayName,
      passwordHash,
      role: user.role,
      ...(organisationId === undefined ? {} : { organisationId }),
      ...(user.gateCode === undefined ? {} : { gateCode: user.gateCode }),
    });
    if (created) createdUsers.push(user.username);
  }
  const keyFile = path.join(runDir, 'demo-camera-key');
  const existing = await apiKeys.findByName(DEMO_CAMERA_KEY_NAME);
  if (existing !== undefined) {
    const cameraKey = fs.existsSync(keyFile) ? fs.readFileSync(keyFile, 'utf8').trim() : undefined;
    return { createdUsers, cameraKey, cameraKeyCreated: false };
  }
  const { id, key, hash } = newApiKey();
  await apiKeys.insert({
    id,
    name: DEMO_CAMERA_KEY_NAME,
    keyHash: hash,
    gateCode: DEMO_GATE,
    scopes: ['yard:arrivals'],
  });
  fs.mkdirSync(runDir, { recursive: true });
  fs.writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  return { createdUsers, cameraKey: key, cameraKeyCreated: true };
}
