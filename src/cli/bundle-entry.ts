// Entry of the single-file CLI bundle (kiln-serve.mjs) that Kiln's inference container runs.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
