import { SpanKind } from '@opentelemetry/api';
import { AGENTS, type AgentProfile, SESSIONS, TIERS, TOOLS, USERS } from './query-workload-catalog.js';
import { SeededRandom } from './query-workload-random.js';
import { gapUs, type PlannedSpan, RunBuilder } from './query-workload-span.js';
import { llmCall, toolCall } from './query-workload-steps.js';
import { type Prompt, questionOf } from './query-workload-text.js';

/** One agent run, every span of it, and the facts queries are drawn from. */
export interface RunPlan {
  traceId: string;
  agent: AgentProfile;
  userId: string;
  sessionId: string;
  tier: (typeof TIERS)[number];
  question: Prompt;
  /** Parents come before their children. */
  spans: PlannedSpan[];
}

/** What a generated workload is: enough to rebuild any of its runs. */
export interface WorkloadShape {
  seed: number;
  traces: number;
  /** Runs start between these two times, in order of their index. */
  windowStartMs: number;
  windowEndMs: number;
}

const FAILING_RUN_SHARE = 0.03;

/** The user a session belongs to, and the plan tier of a user: fixed for the whole workload. */
function userOf(seed: number, session: number): number {
  return new SeededRandom(seed, 0x5e55, session).int(USERS);
}

function tierOf(seed: number, user: number): RunPlan['tier'] {
  return new SeededRandom(seed, 0x71e4, user).weighted([
    [TIERS[0], 70],
    [TIERS[1], 25],
    [TIERS[2], 5],
  ]);
}

/**
 * Run `index` of the workload: the same spans for the same seed and index, whatever else was
 * generated. Rebuilt by the query harness to draw real trace ids, names and words.
 */
export function planRun(shape: WorkloadShape, index: number): RunPlan {
  const random = new SeededRandom(shape.seed, index);
  const agent = random.weighted(AGENTS.map((profile) => [profile, profile.weight] as const));
  const session = random.int(SESSIONS);
  const user = userOf(shape.seed, session);
  const plan = {
    traceId: random.hex(32),
    agent,
    userId: `user-${user}`,
    sessionId: `sess-${session}`,
    tier: tierOf(shape.seed, user),
    question: questionOf(random, agent, `${random.intBetween(100_000, 999_999)}`),
  };
  const spacingMs = (shape.windowEndMs - shape.windowStartMs) / shape.traces;
  const startUs = Math.round((shape.windowStartMs + (index + random.next()) * spacingMs) * 1000);
  const identity = { 'user.id': plan.userId, 'session.id': plan.sessionId };
  // app.tier rides on every span, as a baggage span processor copies it.
  const run = new RunBuilder(random, { 'app.tier': plan.tier });

  const root = run.add({
    parent: -1,
    service: agent.service,
    scope: 'http',
    name: `POST ${agent.route}`,
    kind: SpanKind.SERVER,
    startUs,
    durationUs: 0,
    attributes: {
      'http.request.method': 'POST',
      'http.route': agent.route,
      'url.path': agent.route,
      'url.scheme': 'https',
      'server.address': 'api.example.com',
      'http.response.status_code': 200,
      ...identity,
    },
  });
  const invoke = run.add({
    parent: root,
    service: agent.service,
    scope: 'agent',
    name: `invoke_agent ${agent.agentName}`,
    kind: SpanKind.INTERNAL,
    startUs: startUs + random.intBetween(100, 2000),
    durationUs: 0,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': agent.agentName,
      'gen_ai.conversation.id': plan.sessionId,
      ...identity,
    },
  });

  const steps = random.weighted([
    [1, 20],
    [2, 30],
    [3, 25],
    [4, 15],
    [5, 10],
  ]);
  const failAt = random.chance(FAILING_RUN_SHARE) ? random.int(steps) : -1;
  let clock = run.spans[invoke]!.startUs + gapUs(random);
  let history = 60 + random.int(80);
  let failure: string | undefined;
  for (let step = 0; step < steps && failure === undefined; step++) {
    const final = step === steps - 1;
    const tools = final
      ? []
      : Array.from({ length: random.chance(0.25) ? 2 : 1 }, () => random.pick(agent.tools));
    const httpFails = step === failAt && tools.length > 0 && typeof TOOLS[tools[0]!].calls === 'object';
    const call = llmCall(run, random, {
      agent,
      parent: invoke,
      startUs: clock,
      step,
      history,
      tools,
      question: plan.question,
      identity,
      fails: step === failAt && !httpFails,
    });
    clock = call.endUs + gapUs(random);
    failure = call.failure;
    for (const [i, tool] of tools.entries()) {
      if (failure !== undefined) break;
      const done = toolCall(run, random, {
        agent,
        tool,
        parent: invoke,
        startUs: clock,
        fails: httpFails && i === 0,
      });
      clock = done.endUs + gapUs(random);
      history += done.resultTokens;
      failure = done.failure;
    }
  }
  run.end(invoke, clock);
  run.end(root, clock + random.intBetween(300, 3000));
  if (failure !== undefined) {
    run.fail(invoke, failure, { 'error.type': 'agent_error' });
    run.fail(root, failure, { 'http.response.status_code': 500, 'error.type': '500' });
  }
  return { ...plan, spans: run.spans };
}

/**
 * About how many runs make `spans` spans: the mean size of the first runs, measured, so that the
 * count follows the workload when it changes.
 */
export function runsForAbout(seed: number, spans: number): number {
  const shape = { seed, traces: 1, windowStartMs: 0, windowEndMs: 1 };
  const sample = 10_000;
  let total = 0;
  for (let index = 0; index < sample; index++) total += planRun(shape, index).spans.length;
  return Math.max(1, Math.round(spans / (total / sample)));
}
