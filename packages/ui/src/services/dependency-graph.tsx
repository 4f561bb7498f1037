import type { DependencyEdge, ServiceFigures } from '../api/types.js';
import { formatCount, formatPercent } from '../format/format.js';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './graph-layout.js';

/**
 * Which service calls which (a span of one whose parent span is of the other), as an SVG graph.
 * Text is SVG text: service names are never markup.
 */
export function DependencyGraph({
  services,
  edges,
  onOpen,
}: {
  services: readonly ServiceFigures[];
  edges: readonly DependencyEdge[];
  onOpen(service: string): void;
}) {
  const layout = layoutGraph(
    services.map((service) => service.service),
    edges,
  );
  const figures = new Map(services.map((service) => [service.service, service]));
  return (
    <svg
      className="dependency-graph"
      role="img"
      aria-label="Service dependency graph"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="10"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" className="arrow-head" />
        </marker>
      </defs>
      {layout.edges.map((edge) => (
        <g
          key={`${edge.parent}->${edge.child}`}
          className={edge.errors / edge.calls > 0.05 ? 'edge failing' : 'edge'}
        >
          <path d={edge.path} markerEnd="url(#arrow)" />
          <text x={edge.labelX} y={edge.labelY} textAnchor="middle">
            {formatCount(edge.calls)} calls{edge.errors > 0 ? `, ${formatCount(edge.errors)} failed` : ''}
          </text>
        </g>
      ))}
      {layout.nodes.map((node) => {
        const figure = figures.get(node.id);
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a button element.
          <g
            key={node.id}
            className={`node ${figure && figure.errorRate > 0.05 ? 'failing' : ''}`}
            transform={`translate(${node.x}, ${node.y})`}
            role="button"
            tabIndex={0}
            aria-label={`Service ${node.id}`}
            onClick={() => onOpen(node.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') onOpen(node.id);
            }}
          >
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
            <text x={10} y={15} className="node-name">
              {node.id.length > 22 ? `${node.id.slice(0, 21)}…` : node.id}
            </text>
            {figure && (
              <text x={10} y={29} className="node-figures">
                {formatCount(figure.spans)} spans · {formatPercent(figure.errorRate)} errors
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
