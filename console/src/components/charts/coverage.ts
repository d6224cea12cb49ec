// Chart options for party-building coverage (policy item 2), shared by 工作台 and 党建.
import type { EChartsOption } from 'echarts'
import type { CoverageDashboard } from '@/api/views'

export const FORM_LABELS: Record<string, string> = {
  own: '单独建立党组织',
  joint_branch: '联合党支部',
  instructor: '党建工作指导员',
  none: '未覆盖',
}

const pct = (rate: number) => Math.round(rate * 1000) / 10

export function coverageByTown(d: CoverageDashboard): EChartsOption {
  return {
    title: { text: '各镇街党建覆盖率', left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v}%` },
    grid: { left: 48, right: 16, bottom: 56, top: 40 },
    xAxis: { type: 'category', data: d.towns.map((t) => t.town.name), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: 'bar', name: '覆盖率', data: d.towns.map((t) => pct(t.coverage.covered_rate)), itemStyle: { color: '#b91c1c' } }],
  }
}

export function coverageForms(d: CoverageDashboard): EChartsOption {
  const c = d.overall.coverage
  return {
    title: { text: `覆盖方式（${d.scope.name}）`, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{
      type: 'pie',
      radius: ['35%', '65%'],
      data: (['own', 'joint_branch', 'instructor', 'none'] as const).map((k) => ({ name: FORM_LABELS[k], value: c[k] })),
    }],
  }
}
