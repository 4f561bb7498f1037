/**
 * What the query workload is made of: the services, the models and providers, the tools and the
 * agents that combine them. Weights make some more common than others, as in production.
 */

export interface ModelProfile {
  provider: string;
  request: string;
  /** The dated name the provider answers with. */
  response: string;
  medianMs: number;
}

export const MODELS = {
  'gpt-4o': { provider: 'openai', request: 'gpt-4o', response: 'gpt-4o-2024-08-06', medianMs: 2200 },
  'gpt-4o-mini': {
    provider: 'openai',
    request: 'gpt-4o-mini',
    response: 'gpt-4o-mini-2024-07-18',
    medianMs: 900,
  },
  'gpt-4.1': { provider: 'openai', request: 'gpt-4.1', response: 'gpt-4.1-2025-04-14', medianMs: 2600 },
  'claude-sonnet-4-5': {
    provider: 'anthropic',
    request: 'claude-sonnet-4-5',
    response: 'claude-sonnet-4-5-20250929',
    medianMs: 3000,
  },
  'claude-haiku-4-5': {
    provider: 'anthropic',
    request: 'claude-haiku-4-5',
    response: 'claude-haiku-4-5-20251001',
    medianMs: 1100,
  },
  'gemini-2.5-pro': {
    provider: 'gcp.gemini',
    request: 'gemini-2.5-pro',
    response: 'gemini-2.5-pro',
    medianMs: 3400,
  },
  'gemini-2.5-flash': {
    provider: 'gcp.gemini',
    request: 'gemini-2.5-flash',
    response: 'gemini-2.5-flash',
    medianMs: 1000,
  },
  'mistral-large-latest': {
    provider: 'mistral_ai',
    request: 'mistral-large-latest',
    response: 'mistral-large-2411',
    medianMs: 2000,
  },
} as const satisfies Record<string, ModelProfile>;

export type ModelName = keyof typeof MODELS;

export const EMBEDDING_MODEL: ModelProfile = {
  provider: 'openai',
  request: 'text-embedding-3-small',
  response: 'text-embedding-3-small',
  medianMs: 60,
};

export interface HttpCall {
  method: 'GET' | 'POST';
  host: string;
  /** The route template (`url.template`); `{id}` is filled per call. */
  template: string;
}

export interface ToolProfile {
  medianMs: number;
  /** The outgoing HTTP call the tool makes, or `retrieval` for a search of the agent's index. */
  calls?: HttpCall | 'retrieval';
}

const TOOL_PROFILES = {
  lookup_order: { medianMs: 40, calls: { method: 'GET', host: 'orders.internal', template: '/orders/{id}' } },
  refund_payment: {
    medianMs: 60,
    calls: { method: 'POST', host: 'payments.internal', template: '/payments/{id}/refund' },
  },
  create_ticket: {
    medianMs: 30,
    calls: { method: 'POST', host: 'helpdesk.example.com', template: '/api/v2/tickets' },
  },
  web_search: { medianMs: 20, calls: { method: 'GET', host: 'search.example.com', template: '/v1/search' } },
  fetch_url: { medianMs: 15, calls: { method: 'GET', host: 'docs.example.org', template: '/pages/{id}' } },
  crm_lookup: { medianMs: 25, calls: { method: 'GET', host: 'crm.internal', template: '/accounts/{id}' } },
  search_docs: { medianMs: 10, calls: 'retrieval' },
  search_code: { medianMs: 10, calls: 'retrieval' },
  draft_email: { medianMs: 8 },
  summarize_pdf: { medianMs: 90 },
  read_file: { medianMs: 3 },
  run_tests: { medianMs: 4000 },
  apply_patch: { medianMs: 15 },
} as const satisfies Record<string, ToolProfile>;

export type ToolName = keyof typeof TOOL_PROFILES;
export const TOOLS: Readonly<Record<ToolName, ToolProfile>> = TOOL_PROFILES;

export interface AgentProfile {
  service: string;
  agentName: string;
  /** The HTTP route that starts a run. */
  route: string;
  weight: number;
  /** LLM calls go through the shared gateway (its own service) instead of straight to the provider. */
  viaGateway: boolean;
  models: readonly (readonly [ModelName, number])[];
  tools: readonly ToolName[];
  /** The retrieval index its search tool reads. */
  index: string;
}

export const AGENTS: readonly AgentProfile[] = [
  {
    service: 'support-agent',
    agentName: 'support',
    route: '/api/support/chat',
    weight: 4,
    viaGateway: false,
    models: [
      ['gpt-4o-mini', 4],
      ['claude-haiku-4-5', 3],
      ['gpt-4o', 2],
      ['claude-sonnet-4-5', 1],
    ],
    tools: ['lookup_order', 'refund_payment', 'create_ticket', 'search_docs'],
    index: 'product-docs',
  },
  {
    service: 'research-agent',
    agentName: 'researcher',
    route: '/api/research/ask',
    weight: 2,
    viaGateway: false,
    models: [
      ['claude-sonnet-4-5', 3],
      ['gemini-2.5-pro', 2],
      ['gpt-4.1', 2],
      ['gemini-2.5-flash', 2],
    ],
    tools: ['web_search', 'fetch_url', 'search_docs', 'summarize_pdf'],
    index: 'papers',
  },
  {
    service: 'sales-assistant',
    agentName: 'sales',
    route: '/api/sales/assist',
    weight: 2,
    viaGateway: true,
    models: [
      ['gpt-4o', 3],
      ['mistral-large-latest', 3],
      ['gemini-2.5-flash', 2],
    ],
    tools: ['crm_lookup', 'draft_email', 'search_docs'],
    index: 'sales-playbooks',
  },
  {
    service: 'coding-agent',
    agentName: 'coder',
    route: '/api/code/tasks',
    weight: 2,
    viaGateway: true,
    models: [
      ['claude-sonnet-4-5', 4],
      ['gpt-4.1', 3],
      ['gpt-4o-mini', 1],
      ['mistral-large-latest', 1],
    ],
    tools: ['read_file', 'search_code', 'run_tests', 'apply_patch'],
    index: 'code-index',
  },
];

export const RETRIEVER_SERVICE = 'knowledge-retriever';
export const GATEWAY_SERVICE = 'llm-gateway';

export const SERVICES = [...AGENTS.map((agent) => agent.service), RETRIEVER_SERVICE, GATEWAY_SERVICE];

export const USERS = 2000;
export const SESSIONS = 10_000;
export const TIERS = ['free', 'pro', 'enterprise'] as const;
