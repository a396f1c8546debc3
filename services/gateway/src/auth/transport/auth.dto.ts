import { z } from 'zod';

export const loginBody = z
  .object({
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();

export const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

export const sessionSchema = z.object({
  accessToken: z.string().describe('EdDSA-signed JWT, valid for expiresIn seconds'),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  refreshToken: z.string().describe('single use: each refresh returns the next one'),
});
