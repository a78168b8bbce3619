import { Skeleton } from 'antd';
import { Suspense } from 'react';
import { lazyNamed } from '../../app/lazy-named';

export interface ChartProps {
  /** An ECharts option object. */
  option: Record<string, unknown>;
  height?: number;
  /** A bar or point was clicked: its index in the data and its series. */
  onPointClick?: (dataIndex: number, seriesIndex: number) => void;
  testId?: string;
}

// ECharts is a big library: it loads in its own chunk the first time a chart is shown.
const EChart = lazyNamed(() => import('./echart-core'), 'EChart');

export function Chart(props: ChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 300 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
