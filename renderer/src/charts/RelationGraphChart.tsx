// The relation graph of a warning (ECharts graph, force layout, canvas): organisations, persons, accounts,
// devices and tenders each with their own symbol and colour, edges labelled by kind, the warning's subjects
// outlined. A click on a node asks for its neighbours (onExpand). Only the parts of ECharts it needs are bundled.
import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { GraphNodeKind, RelationGraph } from '../../../electron/contract/warnings.ts';

echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

export const NODE_KINDS: readonly GraphNodeKind[] = ['org', 'person', 'account', 'device', 'tender'];
const STYLE: Record<GraphNodeKind, { symbol: string; color: string }> = {
  org: { symbol: 'roundRect', color: '#2f6fb0' },
  person: { symbol: 'circle', color: '#d9822b' },
  account: { symbol: 'diamond', color: '#15803d' },
  device: { symbol: 'triangle', color: '#b4232a' },
  tender: { symbol: 'rect', color: '#7c3aed' },
};

export function RelationGraphChart({ graph, kindLabel, lang, onExpand, label, height = 380 }: {
  graph: RelationGraph;
  kindLabel(k: GraphNodeKind): string;
  lang: 'zh' | 'en';
  onExpand(nodeId: string): void;
  /** What a screen reader says of the canvas (the node list beside it is the keyboard's way in). */
  label: string;
  height?: number;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const expand = useRef(onExpand);
  expand.current = onExpand;

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', { dataType: 'node' }, (p) => {
      const id = (p.data as { id?: string } | undefined)?.id;
      if (id) expand.current(id);
    });
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); c.dispose(); chart.current = null; };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const short = (s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s);
    // A crowded graph names only the nodes that matter and labels edges on hover, or nothing can be read.
    const crowded = graph.nodes.length > 40;
    c.setOption({
      animationDurationUpdate: 300,
      tooltip: { confine: true, formatter: (p: { dataType?: string; data: { tip?: string } }) => p.data.tip ?? '' },
      legend: { data: NODE_KINDS.map(kindLabel), top: 0, left: 0, textStyle: { fontSize: 11 }, itemWidth: 12, itemHeight: 10 },
      series: [{
        type: 'graph', layout: 'force', roam: true, draggable: true, top: 28, zoom: crowded ? 0.6 : 1,
        force: { repulsion: 260, edgeLength: [70, 150], gravity: 0.08, layoutAnimation: true },
        categories: NODE_KINDS.map((k) => ({ name: kindLabel(k), symbol: STYLE[k].symbol, itemStyle: { color: STYLE[k].color } })),
        label: { show: true, position: 'right', fontSize: 11, color: '#1f2329' },
        edgeSymbol: ['none', 'arrow'], edgeSymbolSize: 6,
        lineStyle: { color: '#9ca3af', width: 1.2, curveness: 0.12 },
        edgeLabel: { show: !crowded, fontSize: 10, color: '#4b5563', formatter: (p: { data: { text?: string } }) => p.data.text ?? '' },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2 }, edgeLabel: { show: true }, label: { show: true } },
        data: graph.nodes.map((node) => ({
          id: node.id, name: node.label, category: NODE_KINDS.indexOf(node.kind), symbol: STYLE[node.kind].symbol,
          symbolSize: node.seed ? 30 : node.kind === 'device' ? 16 : 20,
          itemStyle: node.seed ? { borderColor: '#111827', borderWidth: 2 } : undefined,
          label: { formatter: short(node.label), show: !crowded || node.seed || node.kind !== 'tender' },
          tip: `${kindLabel(node.kind)}：${node.label}${node.detail ? `<br/>${node.detail}` : ''}`,
        })),
        links: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, text: lang === 'zh' ? e.label_zh : e.label_en,
          tip: lang === 'zh' ? e.label_zh : e.label_en })),
      }],
    }, { replaceMerge: ['series'] });
  }, [graph, kindLabel, lang]);

  return <div ref={el} style={{ width: '100%', height }} role="img" aria-label={label} data-testid="graph-canvas" />;
}
