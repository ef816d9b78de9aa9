import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { modelClasses } from '../core/deploy/predict/decode.ts';
import { formatPredictions, invocationRows, requestFormat, responseFormat, rowErrorBody } from '../core/deploy/predict/invocation.ts';
import { isKilnError } from '../core/errors.ts';
import { loadPredictor, type Predictor } from '../../workers/deploy/predictor.ts';
import { predictChunk } from '../../workers/deploy/predict-rows.ts';
import { readModelDir, sagemakerModelDir } from './model-dir.ts';

// SageMaker's hosting contract: GET /ping, POST /invocations, port 8080, the model in /opt/ml/model.
// https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-inference-code.html

/**
 * 6 MB: the most SageMaker sends to /invocations (real-time payload cap, and MaxPayloadInMB for
 * Batch Transform). https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html
 */
export const maxPayloadBytes = 6 * 1024 * 1024;

/** Options for startServer. */
export interface ServeOptions {
  /** Default /opt/ml/model. */
  modelDir?: string;
  port: number;
  host: string;
  /** One line per request on stderr. */
  verbose?: boolean;
  maxBodyBytes?: number;
}

/** A listening server; close() stops taking connections and waits for requests in flight. */
export interface RunningServer {
  port: number;
  modelDir: string;
  close(): Promise<void>;
}

/**
 * Loads the model, then listens: /ping answers 200 only once a model is loaded, because nothing
 * listens before. Errors the caller made get 4xx with a JSON `error`; the server keeps serving.
 *
 * const s = await startServer({ modelDir: 'out/iris/model', port: 0, host: '127.0.0.1' }); s.port // → 40123
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { dir, files } = await readModelDir(options.modelDir ?? sagemakerModelDir);
  const predictor = await loadPredictor(files, { dir });
  const limit = options.maxBodyBytes ?? maxPayloadBytes;
  const server = createServer((req, res) => {
    const started = performance.now();
    handle(predictor, limit, req, res)
      .catch((e: Error) => send(res, 500, { error: `internal error: ${e.message}` }))
      .finally(() => {
        if (options.verbose) console.error(`kiln: ${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
      });
  });
  await listen(server, options.port, options.host).catch((e: Error) => {
    predictor.dispose();
    throw e;
  });
  return {
    port: (server.address() as AddressInfo).port,
    modelDir: dir,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }).finally(() => predictor.dispose()),
  };
}

async function handle(predictor: Predictor, limit: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/ping' && (req.method === 'GET' || req.method === 'HEAD')) return send(res, 200, { status: 'ok' });
  if (path === '/execution-parameters' && req.method === 'GET') {
    // Batch Transform asks this before sending; one JS thread predicts, so more at once only queue.
    // https://docs.aws.amazon.com/sagemaker/latest/dg/your-algorithms-batch-code.html
    return send(res, 200, { MaxConcurrentTransforms: 1, BatchStrategy: 'MULTI_RECORD', MaxPayloadInMB: Math.floor(limit / 1024 / 1024) });
  }
  if (path !== '/invocations') return send(res, 404, { error: `no such endpoint ${req.method} ${path}; try GET /ping or POST /invocations` });
  if (req.method !== 'POST') return send(res, 405, { error: 'use POST for /invocations' });
  const format = requestFormat(req.headers['content-type']);
  const body = await readBody(req, limit);
  if (!format) return send(res, 415, { error: `Content-Type must be text/csv or application/json (got '${req.headers['content-type'] ?? 'none'}')` });
  const answer = responseFormat(req.headers.accept);
  if (!answer) return send(res, 406, { error: `Accept must be application/json or text/csv (got '${req.headers.accept}')` });
  if (body === null) return send(res, 413, { error: `the body is over ${limit} bytes (SageMaker's payload limit); send fewer rows per request` });
  if (predictor.doc.kind !== 'table') return send(res, 415, { error: 'this is an image model; it takes no table rows' });
  let result;
  try {
    result = predictChunk(predictor, invocationRows(predictor.doc, format, body));
  } catch (e) {
    if (isKilnError(e)) return send(res, 400, { error: e.message });
    throw e;
  }
  if (result.errors.some((e) => e !== null)) return send(res, 400, rowErrorBody(result.errors));
  const text = formatPredictions(result.predictions.map((p) => p!), modelClasses(predictor.doc), answer);
  res.writeHead(200, { 'Content-Type': answer === 'csv' ? 'text/csv' : 'application/json' }).end(text);
}

/** The body as text, or null when it is over `limit` bytes (read to the end either way, so the client gets the answer). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
