declare module 'parse-prometheus-text-format' {
  /** One metric family as the parser gives it (prom2json's shape); summaries carry `quantiles`. */
  export interface ParsedFamily {
    name: string;
    help: string;
    type: string;
    metrics: {
      labels?: Record<string, string>;
      value?: string;
      quantiles?: Record<string, string>;
      count?: string;
      sum?: string;
    }[];
  }
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
