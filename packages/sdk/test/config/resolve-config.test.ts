import { describe, expect, it } from 'vitest';
import { init, resolveConfig, shutdown } from '../../src/index.js';

describe('resolveConfig', () => {
  it('has usable defaults', () => {
    const { config, problems } = resolveConfig({}, {});
    expect(problems).toEqual([]);
    expect(config).toEqual({
      enabled: true,
      serviceName: 'unknown_service:node',
      serviceVersion: null,
      project: null,
      sampleRate: 1,
      exporter: 'otlp',
      otlpProtocol: 'http/protobuf',
      tracesUrl: 'http://localhost:4318/v1/traces',
      logsUrl: null,
      headers: {},
      includeEvents: true,
      includeLinks: true,
      maxAttributesPerSpan: 128,
      maxEventsPerSpan: 128,
      captureContent: true,
    });
  });

  it('falls back on the standard OTEL_* variables', () => {
    const { config, problems } = resolveConfig(
      {},
      {
        OTEL_SDK_DISABLED: 'true',
        OTEL_SERVICE_NAME: 'support-bot',
        SEXTANT_PROJECT: 'team-a',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.3',
        OTEL_TRACES_EXPORTER: 'console',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc, x-team = a',
        OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '64',
        OTEL_SPAN_EVENT_COUNT_LIMIT: '16',
        OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'false',
        OTEL_LOGS_EXPORTER: 'otlp',
        SEXTANT_INCLUDE_LINKS: 'false',
      },
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      enabled: false,
      serviceName: 'support-bot',
      project: 'team-a',
      sampleRate: 0.3,
      exporter: 'stdout',
      otlpProtocol: 'http/json',
      tracesUrl: null,
      logsUrl: 'http://collector:4318/v1/logs',
      headers: { authorization: 'Bearer abc', 'x-team': 'a' },
      maxAttributesPerSpan: 64,
      maxEventsPerSpan: 16,
      captureContent: false,
      includeLinks: false,
    });
  });

  it('reads signal-specific endpoints, and gives Zipkin and Jaeger theirs', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:9999/custom',
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://zipkin:9411/api/v2/spans',
    };
    expect(resolveConfig({}, env).config.tracesUrl).toBe('http://traces:9999/custom');
    expect(resolveConfig({ exporter: 'zipkin' }, env).config.tracesUrl).toBe(
      'http://zipkin:9411/api/v2/spans',
    );
    expect(resolveConfig({ exporter: 'zipkin' }, {}).config.tracesUrl).toBe(
      'http://localhost:9411/api/v2/spans',
    );
    expect(resolveConfig({ exporter: 'jaeger', endpoint: 'http://jaeger:4318' }, env).config.tracesUrl).toBe(
      'http://jaeger:4318/v1/traces',
    );
    expect(resolveConfig({ endpoint: 'http://sextant:4318', exportLogs: true }, env).config).toMatchObject({
      tracesUrl: 'http://sextant:4318/v1/traces',
      logsUrl: 'http://sextant:4318/v1/logs',
    });
  });

  it('reads the service name and version from OTEL_RESOURCE_ATTRIBUTES, below OTEL_SERVICE_NAME', () => {
    const env = { OTEL_RESOURCE_ATTRIBUTES: 'service.name=from-resource,service.version=1.2.3,team=a%20b' };
    expect(resolveConfig({}, env).config).toMatchObject({
      serviceName: 'from-resource',
      serviceVersion: '1.2.3',
    });
    expect(resolveConfig({}, { ...env, OTEL_SERVICE_NAME: 'named' }).config.serviceName).toBe('named');
  });

  it('prefers the config to the environment', () => {
    const { config } = resolveConfig(
      { serviceName: 'mine', sampleRate: 0.5, exporter: 'none', captureContent: true },
      {
        OTEL_SERVICE_NAME: 'env',
        OTEL_TRACES_SAMPLER: 'always_off',
        OTEL_TRACES_EXPORTER: 'zipkin',
        OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'false',
      },
    );
    expect(config).toMatchObject({
      serviceName: 'mine',
      sampleRate: 0.5,
      exporter: 'none',
      captureContent: true,
    });
  });

  it('clamps or replaces what cannot be used, and says so', () => {
    const { config, problems } = resolveConfig(
      {
        sampleRate: 1.5,
        exporter: 'kafka' as 'otlp',
        maxAttributesPerSpan: -3,
        maxEventsPerSpan: 'many' as unknown as number,
        endpoint: 'not a url',
        enabled: 'yes' as unknown as boolean,
      },
      { OTEL_TRACES_SAMPLER: 'always_on', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
    );
    expect(config).toMatchObject({
      sampleRate: 1,
      exporter: 'otlp',
      otlpProtocol: 'http/protobuf',
      maxAttributesPerSpan: 0,
      maxEventsPerSpan: 128,
      tracesUrl: 'http://localhost:4318/v1/traces',
      enabled: true,
    });
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/sampleRate must be a number in 0\.\.1, got 1\.5; using 1/);
    expect(problems.join('\n')).toMatch(
      /OTEL_EXPORTER_OTLP_PROTOCOL must be one of http\/protobuf, http\/json, got "grpc"/,
    );
    expect(resolveConfig({ sampleRate: -0.2 }, {}).config.sampleRate).toBe(0);
    expect(resolveConfig({}, { OTEL_TRACES_SAMPLER: 'xray' }).problems).toHaveLength(1);
  });
});

describe('init', () => {
  it('reports every unusable setting in one warning and still starts', async () => {
    const warnings: string[] = [];
    const config = init({
      exporter: 'none',
      sampleRate: 7,
      maxEventsPerSpan: -1,
      priceOverrides: { 'my-model': { input_cost_per_token: 'free' } },
      warn: (message) => warnings.push(message),
    });
    await shutdown();
    expect(config.sampleRate).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/sampleRate.*maxEventsPerSpan.*priceOverrides/s);
  });
});
