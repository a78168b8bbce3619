import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../modules/org/api';
import { buildDepartmentTree } from '../modules/org/department-tree';

interface DepartmentSelectProps {
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Leave this department and its sub-departments out (choosing a parent). */
  exclude?: number;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
}

/** Picks a department from the tree, searchable by name. */
export function DepartmentSelect({ value, onChange, exclude, placeholder, allowClear = true, style, id }: DepartmentSelectProps) {
  const { t } = useTranslation();
  const departments = useDepartments();
  const tree = useMemo(() => buildDepartmentTree(departments.data ?? [], exclude), [departments.data, exclude]);
  return (
    <TreeSelect<number>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={tree}
      loading={departments.isPending}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder={placeholder ?? t('shell.chooseDepartment')}
      style={style ?? { width: '100%' }}
    />
  );
}
