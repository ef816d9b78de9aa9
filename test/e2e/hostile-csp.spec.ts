import { expect, test, type Page, type Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { securityHeaders } from '../../vite.config.ts';
import { openStage, trainOnCpu, loadIris } from './helpers.ts';

const policy = securityHeaders['Content-Security-Policy'];

/** The Kiln worker, once the page has started it (its first call into the worker does). */
async function kilnWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => /kiln\.worker/.test(w.url()))).toBe(true);
  return page.workers().find((w) => /kiln\.worker/.test(w.url()))!;
}

test('the worker script is served under the policy and can evaluate no string; the page runs no inline script', async ({ page }) => {
  const workerScript = page.waitForResponse((r) => /kiln\.worker[^/]*\.js$/.test(r.url()));
  const served = await page.goto('/');
  expect(served!.headers()['content-security-policy']).toBe(policy);
  await loadIris(page);
  const response = await workerScript;
  expect(response.headers()['content-security-policy']).toBe(policy);
  expect(response.headers()['x-content-type-options']).toBe('nosniff');

  // What a file's contents could try, were they ever handed to an evaluator. DevTools' own
  // evaluate is exempt from the CSP, so the attempts run in a task of their own.
  const probe = () => {
    const g = self as unknown as { __tried?: Record<string, string> };
    setTimeout(async () => {
      const attempt = async (f: () => unknown) => {
        try {
          await f();
          return 'ran';
        } catch (e) {
          return (e as Error).name;
        }
      };
      const load = (url: string) => import(/* @vite-ignore */ url); // a variable, so no bundler or type checker resolves it
      g.__tried = {
        eval: await attempt(() => (0, eval)('1 + 1')),
        Function: await attempt(() => new Function('return 1')()),
        dataImport: await attempt(() => load('data:text/javascript,export default 1')),
        foreignImport: await attempt(() => load('https://example.org/x.js')),
      };
    });
  };
  const tried = () => (self as unknown as { __tried?: Record<string, string> }).__tried ?? null;
  const blocked = { eval: 'EvalError', Function: 'EvalError', dataImport: 'TypeError', foreignImport: 'TypeError' };
  const worker = await kilnWorker(page);
  await worker.evaluate(probe);
  await expect.poll(() => worker.evaluate(tried)).toEqual(blocked);
  await page.evaluate(probe);
  await expect.poll(() => page.evaluate(tried)).toEqual(blocked);

  // And an injected inline script does not run in the page.
  const inline = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.head.append(script);
    await new Promise((r) => setTimeout(r, 50));
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(inline).toBe(false);
});

test('load from a typed URL, Stop a second one, train and deploy: no request leaves the origin but the URLs typed', async ({ page, context, baseURL }) => {
  const requests: string[] = [];
  context.on('request', (r) => void requests.push(r.url()));
  const violations: string[] = [];
  page.on('console', (m) => void (/Content Security Policy|Refused to/i.test(m.text()) && violations.push(m.text())));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to: CSP ${e.violatedDirective} ${e.blockedURI}`));
  });
  // A CSV on another (https) origin, as a presigned link would be; and one that never answers.
  const typed = 'https://data.example.org/shared/iris.csv?X-Amz-Signature=abc';
  const slow = 'https://slow.example.org/big.csv';
  const cors = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/csv' };
  await context.route(typed, (route) => route.fulfill({ status: 200, headers: cors, body: readFileSync('public/data/iris.csv') }));
  await context.route(slow, () => {}); // never fulfilled: the download hangs until Stop

  await page.goto('/');
  page.on('worker', (w) => void w.evaluate(() => self.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to: CSP (worker) ${e.violatedDirective} ${e.blockedURI}`))).catch(() => {}));
  await openStage(page, 'Collect');
  await page.getByTestId('url-input').fill(typed);
  await page.getByTestId('url-load').click();
  await expect(page.getByTestId('loaded')).toContainText('iris.csv: 150 rows');

  // A download that hangs has Stop, and stopping it keeps the table loaded before.
  await page.getByTestId('url-input').fill(slow);
  await page.getByTestId('url-load').click();
  await expect(page.getByTestId('load-progress')).toBeVisible();
  await page.getByTestId('cancel-load').click();
  await expect(page.getByTestId('load-notice')).toContainText(`Stopped loading ${slow}.`);
  await expect(page.getByTestId('load-notice')).toContainText('is still loaded');
  await expect(page.getByTestId('loaded')).toContainText('iris.csv: 150 rows');

  await trainOnCpu(page, 3);
  await openStage(page, 'Deploy');
  await expect(page.getByTestId('live-prediction')).toHaveText(/setosa|versicolor|virginica/);
  // onnxruntime-web compiles its WebAssembly in the worker, under the worker's own policy.
  await page.getByTestId('verify-onnx').click();
  await expect(page.getByTestId('verify-report')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/screens/hostile-csp-deploy.png', fullPage: true });

  const foreign = [...new Set(requests.filter((u) => !u.startsWith(baseURL!) && !/^(data|blob):/.test(u)))];
  expect(foreign.sort()).toEqual([slow, typed].sort());
  expect(violations).toEqual([]);
});
