import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildContractSnapshot,
  compareContract,
  type ContractSnapshot,
  UPDATE_COMMAND,
} from '../events/contract';
import { generateEventsFiles, readPublishedSnapshot, readRepoFile, ROOT } from '../events/generate-docs';
import { runCli, UsageError } from './run-cli';

const HELP = `Usage: npm run events:doc [-- --write]

Generates docs/events.md and lib/events/contract-snapshot.json from the event schemas in lib/events/.
Without --write it only checks: exit 1 when either file is out of date or a type's properties changed without a
schemaVersion bump. With --write it updates both files, but never over a change that needs a version bump.`;

runCli(async () => {
  const { values } = parseArgs({
    options: { write: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return console.log(HELP);

  // A snapshot rewritten over an unbumped change would make the compatibility guard approve it.
  let published: ContractSnapshot;
  try {
    published = readPublishedSnapshot();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const problems = compareContract(buildContractSnapshot(), published);
  const breaking = problems.filter((p) => p.kind === 'breaking');
  if (breaking.length > 0) throw new UsageError(breaking.map((p) => p.message).join('\n'));

  const files = await generateEventsFiles();
  const stale = Object.entries(files).filter(([file, text]) => readRepoFile(file) !== text);
  if (!values.write) {
    if (stale.length === 0) return console.log('✔ docs/events.md and the contract snapshot are up to date');
    const names = stale.map(([file]) => file).join(' and ');
    throw new UsageError(
      `${names} ${stale.length > 1 ? 'are' : 'is'} out of date; run \`${UPDATE_COMMAND}\`.`,
    );
  }
  for (const [file, text] of stale) {
    fs.writeFileSync(path.join(ROOT, file), text);
    console.log(`✔ wrote ${file}`);
  }
  if (stale.length === 0) console.log('✔ docs/events.md and the contract snapshot were already up to date');
});
