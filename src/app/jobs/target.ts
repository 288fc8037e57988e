import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The inventory scope of a local target: its absolute path when it exists, else the name as given. */
export function localScope(kind: string, name: string): string {
  return `${kind}:${existsSync(name) ? resolve(name) : name}`;
}
