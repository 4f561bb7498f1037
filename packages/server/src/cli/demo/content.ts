/**
 * What the demo's agents say: models with their speeds, people, and the questions, documents and
 * answers of each agent. Written for the demo; any resemblance to real orders is coincidental.
 */

export interface DemoModel {
  name: string;
  /** What the provider answers as the response model. */
  responseName: string;
  provider: string;
  firstTokenMs: number;
  msPerOutputToken: number;
}

export const MODELS = {
  gpt4o: {
    name: 'gpt-4o',
    responseName: 'gpt-4o-2024-08-06',
    provider: 'openai',
    firstTokenMs: 420,
    msPerOutputToken: 11,
  },
  gpt4oMini: {
    name: 'gpt-4o-mini',
    responseName: 'gpt-4o-mini-2024-07-18',
    provider: 'openai',
    firstTokenMs: 280,
    msPerOutputToken: 6,
  },
  sonnet: {
    name: 'claude-sonnet-4-5',
    responseName: 'claude-sonnet-4-5-20250929',
    provider: 'anthropic',
    firstTokenMs: 650,
    msPerOutputToken: 13,
  },
  haiku: {
    name: 'claude-haiku-4-5',
    responseName: 'claude-haiku-4-5-20251001',
    provider: 'anthropic',
    firstTokenMs: 380,
    msPerOutputToken: 7,
  },
  gemini: {
    name: 'gemini-2.5-flash',
    responseName: 'gemini-2.5-flash',
    provider: 'gcp.vertex_ai',
    firstTokenMs: 330,
    msPerOutputToken: 5,
  },
  mistral: {
    name: 'mistral-large-latest',
    responseName: 'mistral-large-2411',
    provider: 'mistral_ai',
    firstTokenMs: 520,
    msPerOutputToken: 10,
  },
} as const satisfies Record<string, DemoModel>;

export const USERS = [
  'amara.okafor',
  'bruno.keller',
  'chen.wei',
  'dana.levi',
  'emil.novak',
  'farah.haddad',
  'gustavo.lima',
  'hana.sato',
  'ingrid.berg',
  'jonas.weber',
] as const;

export const PRODUCTS = [
  'trail running shoes',
  'rain jacket',
  'espresso grinder',
  'standing desk',
  'noise-cancelling headphones',
  'cast-iron skillet',
] as const;

export const CARRIERS = ['ParcelNorth', 'Swiftpost', 'Blue Lane Freight'] as const;

export const SUPPORT_SYSTEM_PROMPT =
  'You are the support assistant of Northwind Outfitters. Answer in at most four sentences. ' +
  'Always look the order up before answering a question about it, quote the order id, never ' +
  'promise a delivery date the carrier has not confirmed, and hand refunds above 200 EUR to a ' +
  'human agent. Be warm and precise.';

/** A support question and how the agent handles it; `{order}`, `{product}` are filled in. */
export interface SupportIntent {
  question: string;
  /** The tools the agent calls, in order, after looking the order up. */
  tools: readonly ('create_return' | 'update_address' | 'issue_refund')[];
  answer: string;
}

export const SUPPORT_INTENTS: readonly SupportIntent[] = [
  {
    question: 'Where is my order {order}? It was supposed to arrive on Monday.',
    tools: [],
    answer:
      'Order {order} left our warehouse on Friday and is now with {carrier}, who expect to deliver it ' +
      'within two working days. I will send you their tracking link by email right away.',
  },
  {
    question: 'I want to return the {product} from order {order}, they are the wrong size.',
    tools: ['create_return'],
    answer:
      'I have opened a return for the {product} in order {order}. A prepaid label is on its way to your ' +
      'inbox; once the parcel is scanned, we refund you within five days.',
  },
  {
    question: 'Can I still change the delivery address of order {order}? I am moving next week.',
    tools: ['update_address'],
    answer:
      'Yes: order {order} had not been handed to {carrier} yet, so I changed the address. You will ' +
      'get a confirmation with the new address shortly.',
  },
  {
    question: 'I was charged twice for order {order}. Please fix this.',
    tools: ['issue_refund'],
    answer:
      'You are right, order {order} was captured twice. I refunded the duplicate charge; depending on ' +
      'your bank it shows up within three to five days.',
  },
  {
    question: 'Does the {product} in order {order} come with a warranty?',
    tools: [],
    answer:
      'The {product} in order {order} has a two-year warranty from the delivery date. Keep the order ' +
      'confirmation; it serves as proof of purchase.',
  },
];

export const RESEARCH_SYSTEM_PROMPT =
  'You are a research assistant for an engineering team. Use the retrieved documents and the web ' +
  'search tool, cite every source by its id, and say plainly when the sources disagree.';

export interface ResearchTopic {
  question: string;
  documents: readonly { id: string; content: string }[];
  searchQuery: string;
  answer: string;
}

export const RESEARCH_TOPICS: readonly ResearchTopic[] = [
  {
    question: 'Which vector index should we use for 20 million embeddings with filtered search?',
    documents: [
      {
        id: 'adr-014',
        content: 'ADR 014: HNSW indexes keep recall above 0.95 at 20M vectors with 64 GB RAM.',
      },
      {
        id: 'bench-q3',
        content: 'Q3 benchmark: IVF-PQ used 4x less memory but recall fell to 0.88 with filters.',
      },
      {
        id: 'ops-note-7',
        content: 'Ops note: filtered HNSW needs a payload index on tenant_id to stay fast.',
      },
    ],
    searchQuery: 'filtered HNSW vs IVF-PQ recall 20 million vectors',
    answer:
      'HNSW with a payload index on tenant_id [adr-014, ops-note-7]: it keeps recall above 0.95, where ' +
      'IVF-PQ saves memory but drops to 0.88 under filters [bench-q3].',
  },
  {
    question: 'What caused the checkout latency spike on Tuesday?',
    documents: [
      { id: 'inc-2291', content: 'Incident 2291: connection pool exhausted on payments-db at 14:02 UTC.' },
      { id: 'deploy-log', content: 'Deploy 14:00 UTC raised the checkout worker count from 8 to 24.' },
    ],
    searchQuery: 'connection pool exhaustion after scaling workers postgres',
    answer:
      'The 14:00 deploy tripled the checkout workers [deploy-log] without raising the pool size, which ' +
      'exhausted the payments-db connections two minutes later [inc-2291].',
  },
  {
    question: 'Summarize what changed in our data retention policy this year.',
    documents: [
      { id: 'policy-v3', content: 'Policy v3: traces kept 30 days instead of 90; audit logs kept 400 days.' },
      { id: 'dpo-memo', content: 'DPO memo: prompts containing personal data must be redacted at ingest.' },
    ],
    searchQuery: 'LLM prompt retention personal data redaction guidance',
    answer:
      'Traces now live 30 days instead of 90 and audit logs 400 days [policy-v3]; prompts with personal ' +
      'data must be redacted before they are stored [dpo-memo].',
  },
];

export const WRITING_TASKS: readonly { prompt: string; output: string }[] = [
  {
    prompt: 'Write release notes for version {version}: faster search, a new export format, two bug fixes.',
    output:
      'Version {version} makes search up to twice as fast on large projects, adds CSV to the export ' +
      'formats, and fixes a crash on empty filters and a wrong total on the usage page.',
  },
  {
    prompt: 'Draft a changelog entry for the billing fix in version {version}.',
    output:
      'Fixed in {version}: invoices for plans changed mid-month now prorate the days of each plan ' +
      'instead of charging the new plan for the whole month.',
  },
  {
    prompt: 'Summarize pull request #{version} for the weekly engineering update.',
    output:
      'Pull request #{version} moves the job queue to its own worker pool, so slow exports no longer ' +
      'delay webhooks; p95 webhook latency fell from 4 s to 300 ms in staging.',
  },
];

export const TICKETS: readonly { text: string; category: string; priority: string }[] = [
  { text: 'The app logs me out every five minutes since the update.', category: 'bug', priority: 'high' },
  { text: 'Could you add dark mode to the dashboard?', category: 'feature_request', priority: 'low' },
  { text: 'My invoice shows the wrong VAT number.', category: 'billing', priority: 'medium' },
  { text: 'I cannot reset my password, the email never arrives.', category: 'account', priority: 'high' },
  { text: 'How do I export my data to CSV?', category: 'question', priority: 'low' },
];

/** Replaces each `{name}` by its value. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A rough token count for generated text: about four characters per token. */
export function tokensOf(text: string): number {
  return Math.max(1, Math.round(text.length / 4));
}
