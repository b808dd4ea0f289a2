// Every IPC message from a renderer passes here before anything acts on it: the sender must be our window's
// main frame showing our app:// page, and the request must pass the contract's zod schema. Only the parsed
// request goes on (to the engine, or to the desktop handlers); anything else comes back as a clear Err.
import type { z } from 'zod';
import { err, type ErrorInfo, type Result } from '../contract/result.ts';
import { isAppUrl } from './app-protocol.ts';

/** What the main process knows about who sent a message (from IpcMainInvokeEvent: sender.id, senderFrame). */
export interface IpcSender {
  webContentsId: number;
  /** null when the frame is gone (navigated or destroyed) by the time the message is handled. */
  frame: { url: string; isMainFrame: boolean } | null;
}

/** Why a sender is refused, or null when it is our window's page. */
export function senderProblem(sender: IpcSender, trustedWebContentsId: number | null): string | null {
  if (trustedWebContentsId === null || sender.webContentsId !== trustedWebContentsId) return 'not the app window';
  if (!sender.frame) return 'the sending frame is gone';
  if (!sender.frame.isMainFrame) return 'a subframe';
  if (!isAppUrl(sender.frame.url)) return `a page outside app:// (${sender.frame.url.slice(0, 100)})`;
  return null;
}

export const refusedSender = (why: string): ErrorInfo => ({
  code: 'usage', message: `已拒绝：消息不是来自本应用窗口（${why}）/ refused: the message did not come from the app window (${why})`,
});

type Schemas = Record<string, z.ZodType>;

/** The method and its parsed request, or the Err saying what is wrong with them. */
export function parseRequest<S extends Schemas>(schemas: S, method: unknown, params: unknown): Result<{ method: keyof S & string; params: unknown }> {
  if (typeof method !== 'string' || !Object.hasOwn(schemas, method)) {
    return err({ code: 'usage', message: `未知调用 / unknown call: ${JSON.stringify(method)?.slice(0, 100)}` });
  }
  const parsed = schemas[method]!.safeParse(params ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err({ code: 'usage', message: `请求无效 / invalid request for ${method}: ${issue.path.join('.') || '(request)'}: ${issue.message}` });
  }
  return { ok: true, value: { method, params: parsed.data } };
}

/** Check the sender, validate, then dispatch; never throws. */
export async function handleIpcCall<S extends Schemas>(
  sender: IpcSender, trustedWebContentsId: number | null, schemas: S, method: unknown, params: unknown,
  dispatch: (method: keyof S & string, params: unknown) => Promise<Result<unknown>>,
): Promise<Result<unknown>> {
  const problem = senderProblem(sender, trustedWebContentsId);
  if (problem) return err(refusedSender(problem));
  const req = parseRequest(schemas, method, params);
  if (!req.ok) return req;
  try {
    return await dispatch(req.value.method, req.value.params);
  } catch (e) {
    return err({ code: 'internal', message: e instanceof Error ? e.message : String(e) });
  }
}
