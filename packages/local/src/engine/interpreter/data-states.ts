// The states that only move data: Pass, Choice, Succeed and Fail. Each is done in the step that enters it.
import { selectChoice } from "../asl/choice";
import type { ContextObject } from "../asl/context";
import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  readFailPath,
} from "../asl/paths";
import type { ChoiceState, FailState, PassState, SucceedState } from "../asl/types";
import type { EngineContext, ExecMeta, ThreadData } from "../context";
import type { ThreadRow } from "../store/rows";
import { exitState, failThread } from "./run";

/** Pass: InputPath, Parameters, Result, ResultPath, OutputPath. */
export function enterPass(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: PassState,
  input: unknown,
  ctxObj: ContextObject,
) {
  let eff = applyInputPath(input, def.InputPath, ctxObj);
  if (def.Parameters !== undefined) eff = applyParameters(def.Parameters, eff, ctxObj);
  const result = "Result" in def ? def.Result : eff;
  const out = applyOutputPath(applyResultPath(input, result, def.ResultPath), def.OutputPath, ctxObj);
  return exitState(ctx, m, th, data, def, out);
}

/** Choice: the first matching rule's Next, else Default (else States.NoChoiceMatched). */
export function enterChoice(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: ChoiceState,
  input: unknown,
  ctxObj: ContextObject,
) {
  const eff = applyInputPath(input, def.InputPath, ctxObj);
  const next = selectChoice(def, eff, ctxObj);
  const out = applyOutputPath(eff, def.OutputPath, ctxObj);
  return exitState(ctx, m, th, data, def, out, next);
}

/** Succeed: ends the thread with its (filtered) input. */
export function enterSucceed(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: SucceedState,
  input: unknown,
  ctxObj: ContextObject,
) {
  const out = applyOutputPath(applyInputPath(input, def.InputPath, ctxObj), def.OutputPath, ctxObj);
  return exitState(ctx, m, th, data, def, out);
}

/** Fail: the thread fails with Error/Cause, or those read by ErrorPath/CausePath. */
export function enterFail(
  ctx: EngineContext,
  m: ExecMeta,
  th: ThreadRow,
  data: ThreadData,
  def: FailState,
  input: unknown,
  ctxObj: ContextObject,
) {
  const error =
    def.Error ??
    (def.ErrorPath !== undefined ? readFailPath("ErrorPath", def.ErrorPath, input, ctxObj) : null);
  const cause =
    def.Cause ??
    (def.CausePath !== undefined ? readFailPath("CausePath", def.CausePath, input, ctxObj) : null);
  return failThread(ctx, m, th, data, error, cause);
}
