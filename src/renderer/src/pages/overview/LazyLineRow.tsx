import { useEffect, useRef, useState, type ReactNode } from 'react';

/** How far beyond the viewport a line is already rendered, so scrolling shows no blank rows. */
const RENDER_MARGIN = '800px 0px';
/** A first guess of a line's height before it was ever shown: rows of tiles of about 200 px. */
const ESTIMATED_TILE_ROW_PX = 210;
const ESTIMATED_TILES_PER_ROW = 5;

interface LazyLineRowProps {
  lineId: string;
  machineCount: number;
  children: () => ReactNode;
}

/**
 * One line of tiles that renders its tiles only while it is on or near the screen. With 1,000
 * live machines, reconciling every tile on every live batch was most of the Overview's frame
 * time (bench/renderer.bench.ts); off-screen lines keep their heading and their last height, so
 * the scroll bar does not jump, and render again as they come near.
 */
export function LazyLineRow({ lineId, machineCount, children }: LazyLineRowProps) {
  const row = useRef<HTMLElement>(null);
  // Near the screen, and the height it had when last rendered (for the placeholder).
  const [view, setView] = useState<{ near: boolean; height: number | null }>({
    near: false,
    height: null,
  });
  const near = view.near;

  useEffect(() => {
    const element = row.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries.at(-1);
        if (!entry) return;
        setView((current) => ({
          near: entry.isIntersecting,
          // Leaving: keep the height it had while rendered, for the placeholder.
          height:
            !entry.isIntersecting && current.near
              ? element.getBoundingClientRect().height
              : current.height,
        }));
      },
      { rootMargin: RENDER_MARGIN },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const estimate =
    view.height ?? Math.ceil(machineCount / ESTIMATED_TILES_PER_ROW) * ESTIMATED_TILE_ROW_PX + 60;
  return (
    <section
      ref={row}
      className="line-row"
      aria-label={`Line ${lineId}`}
      data-rendered={near || undefined}
      style={near ? undefined : { minHeight: estimate }}
    >
      <h2 className="line-title">
        Line {lineId}
        {!near && <span className="muted"> · {machineCount} machines</span>}
      </h2>
      {near && children()}
    </section>
  );
}
