import type { AnalyticsSpan } from '@shuyun/shared';
import { Card, Table, type TableColumnsType, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Drill, ticketListLink } from './drill';

export interface BreakdownRow<F> {
  key: string;
  name: string;
  teamId?: number;
  assigneeId?: number;
  figures: F;
}

/** A breakdown column: its title, the figure as shown, what it sorts by, and the tickets behind it (if any). */
export interface FigureColumn<F> {
  key: string;
  title: string;
  render: (figures: F) => ReactNode;
  sortValue: (figures: F) => number;
  drill?: Omit<Drill, 'span' | 'teamId' | 'assigneeId'>;
}

interface BreakdownTablesProps<F> {
  span: AnalyticsSpan;
  /** The team the whole page is narrowed to, kept in every link. */
  teamId?: number;
  /** The report's breakdowns, as the API answers them. */
  byTeam: { team: { id: number; name: string } | null; figures: F }[];
  byAssignee: { assignee: { id: number; displayName: string } | null; figures: F }[];
  columns: FigureColumn<F>[];
}

/** The breakdown by support team and by engineer; every figure links to its tickets. */
export function BreakdownTables<F>({ span, teamId, byTeam, byAssignee, columns }: BreakdownTablesProps<F>) {
  const { t } = useTranslation();
  const teamRows: BreakdownRow<F>[] = byTeam.map((r) => ({
    key: `team-${r.team?.id ?? 'none'}`,
    name: r.team?.name ?? t('analytics.noTeam'),
    teamId: r.team?.id,
    figures: r.figures,
  }));
  const assigneeRows: BreakdownRow<F>[] = byAssignee.map((r) => ({
    key: `user-${r.assignee?.id ?? 'none'}`,
    name: r.assignee?.displayName ?? t('analytics.unassigned'),
    assigneeId: r.assignee?.id,
    figures: r.figures,
  }));
  const table = (rows: BreakdownRow<F>[], nameTitle: string, testId: string) => {
    const tableColumns: TableColumnsType<BreakdownRow<F>> = [
      { key: 'name', title: nameTitle, dataIndex: 'name', fixed: 'left', width: 160 },
      ...columns.map((column) => ({
        key: column.key,
        title: column.title,
        align: 'right' as const,
        sorter: (a: BreakdownRow<F>, b: BreakdownRow<F>) => column.sortValue(a.figures) - column.sortValue(b.figures),
        render: (_: unknown, row: BreakdownRow<F>) => {
          const shown = column.render(row.figures);
          // A row without a team or engineer cannot be narrowed to on the ticket list.
          if (!column.drill || (!row.teamId && !row.assigneeId)) return shown;
          const link = ticketListLink({ ...column.drill, span, teamId: row.teamId ?? teamId, assigneeId: row.assigneeId });
          return <Link to={link}>{shown}</Link>;
        },
      })),
    ];
    return (
      <Table<BreakdownRow<F>>
        rowKey="key"
        size="small"
        columns={tableColumns}
        dataSource={rows}
        scroll={{ x: 160 + columns.length * 110 }}
        pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        data-testid={testId}
      />
    );
  };
  return (
    <Card variant="borderless" className="analytics-page__tables">
      <Tabs
        items={[
          { key: 'team', label: t('analytics.table.byTeam'), children: table(teamRows, t('analytics.table.team'), 'breakdown-team') },
          {
            key: 'assignee',
            label: t('analytics.table.byAssignee'),
            children: table(assigneeRows, t('analytics.table.assignee'), 'breakdown-assignee'),
          },
        ]}
      />
    </Card>
  );
}
