import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../errors.js';

// argon2id (the library's default algorithm) with OWASP's second recommended parameter set.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist keeps response times from revealing usernames.
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('shuyun-dummy-password');
  await verifyPassword(await dummyHash, password);
}

export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** Throws `passwordPolicy` unless the password is long enough and mixes enough character classes. */
export function assertPasswordPolicy(password: string, policy: PasswordPolicy): void {
  if ([...password].length < policy.minLength || characterClasses(password) < policy.minClasses) {
    throw new AppError('passwordPolicy', { minLength: policy.minLength, classes: policy.minClasses });
  }
}
