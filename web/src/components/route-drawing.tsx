import { tilesFor, type Drawing } from '../lib/track';
import { tilesAllowed, tileTemplate } from '../lib/tiles';

/**
 * The route as a line, north up, start and finish marked: on a plain background, or on map
 * tiles when the runner turned them on in Settings (they tell the tile server where they ran).
 */
export function RouteDrawing(props: { drawing: Drawing; label: string }) {
  const { drawing } = props;
  const tiles = tilesAllowed() ? tilesFor(drawing, tileTemplate) : [];
  return (
    <figure class="route-figure">
      <svg
        class="route-drawing"
        viewBox={`0 0 ${drawing.width} ${drawing.height}`}
        role="img"
        aria-labelledby="route-drawing-title"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id="route-drawing-title">{props.label}</title>
        {tiles.map((tile) => (
          <image
            key={tile.href}
            href={tile.href}
            x={tile.x}
            y={tile.y}
            width={tile.width}
            height={tile.height}
            preserveAspectRatio="none"
          />
        ))}
        {drawing.lines.map((points, i) => (
          <polyline
            key={i}
            points={points}
            fill="none"
            stroke="var(--accent)"
            stroke-width="3"
            stroke-linejoin="round"
            stroke-linecap="round"
            vector-effect="non-scaling-stroke"
          />
        ))}
        {drawing.finish && (
          <rect
            x={drawing.finish[0] - 5}
            y={drawing.finish[1] - 5}
            width="10"
            height="10"
            fill="var(--danger)"
            stroke="var(--surface)"
            stroke-width="2"
          />
        )}
        {drawing.start && (
          <circle cx={drawing.start[0]} cy={drawing.start[1]} r="6" fill="var(--good)" stroke="var(--surface)" stroke-width="2" />
        )}
      </svg>
      <figcaption class="muted">
        <span class="route-key route-key-start" aria-hidden="true" /> start{' '}
        <span class="route-key route-key-finish" aria-hidden="true" /> finish · north is up
        {tiles.length > 0 ? ' · map © OpenStreetMap contributors' : ''}
      </figcaption>
    </figure>
  );
}
