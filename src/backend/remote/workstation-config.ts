import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkstationConfig } from '../../shared/desktop/workstation';

/**
 * The desktop's own choice of what it is (standalone, or a workstation of a Linewatch server),
 * kept in a small JSON file of the desktop's user data, never in the plant database: a
 * workstation has no plant database. Null means the first start: the page asks.
 */
export function loadWorkstationConfig(file: string): WorkstationConfig | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = WorkstationConfig.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not a valid workstation setting`);
  return parsed.data;
}

/** Writes the choice atomically (a crash mid-write leaves the old file whole). */
export function saveWorkstationConfig(file: string, config: WorkstationConfig): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(WorkstationConfig.parse(config), null, 2)}\n`);
  renameSync(temporary, file);
}
