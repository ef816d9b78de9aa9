import { z } from 'zod';

// zod compiles fast object parsers with `new Function` after probing for eval, which the page's
// Content-Security-Policy forbids (script-src has no 'unsafe-eval'): the probe alone fires a
// violation. Imported first in main.ts, so it runs before any schema is built; the worker,
// outside the page's policy, keeps the compiled parsers.
z.config({ jitless: true });
