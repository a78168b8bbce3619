import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Skeleton, Table, type TableProps } from 'antd';
import { LoadFailedResult } from '../../components/results';
import { LIST_PAGE_SIZE } from './api';

interface Props<T> extends Pick<TableProps<T>, 'rowKey' | 'columns' | 'onRow'> {
  /** One page of the list, as the API answers it. */
  list: UseQueryResult<{ items: T[]; total: number }, Error>;
  page: number;
  onPage: (page: number) => void;
  empty: string;
}

/** A paged work list: a skeleton while loading, a retry on failure, then the table. */
export function PagedListTable<T extends object>({ list, page, onPage, empty, ...table }: Props<T>) {
  if (list.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (list.isError) return <LoadFailedResult message={list.error.message} onRetry={() => list.refetch()} />;
  return (
    <Table<T>
      {...table}
      dataSource={list.data.items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      pagination={{
        current: page,
        pageSize: LIST_PAGE_SIZE,
        total: list.data.total,
        onChange: onPage,
        showSizeChanger: false,
        hideOnSinglePage: true,
      }}
    />
  );
}
