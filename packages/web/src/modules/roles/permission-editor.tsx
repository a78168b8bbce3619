import { PERMISSION_GROUPS, type Permission } from '@shuyun/shared';
import { Checkbox, Col, Row, Typography } from 'antd';
import { useLabels } from '../../app/i18n';
import './permission-editor.css';

interface PermissionEditorProps {
  value?: Permission[];
  onChange?: (value: Permission[]) => void;
  disabled?: boolean;
}

/** Permissions grouped as in the shared registry, a "whole group" checkbox per group. */
export function PermissionEditor({ value = [], onChange, disabled }: PermissionEditorProps) {
  const labels = useLabels();
  const chosen = new Set(value);
  const set = (permissions: Permission[], on: boolean) => {
    const next = new Set(chosen);
    for (const permission of permissions) {
      if (on) next.add(permission);
      else next.delete(permission);
    }
    onChange?.([...next]);
  };

  return (
    <div className="permission-editor">
      {Object.entries(PERMISSION_GROUPS).map(([group, permissions]) => {
        const count = permissions.filter((p) => chosen.has(p)).length;
        return (
          <section key={group} className="permission-editor__group">
            <Checkbox
              checked={count === permissions.length}
              indeterminate={count > 0 && count < permissions.length}
              disabled={disabled}
              onChange={(event) => set(permissions, event.target.checked)}
            >
              <Typography.Text strong>{labels.permissionGroup(group)}</Typography.Text>
            </Checkbox>
            <Row gutter={[8, 8]} className="permission-editor__items">
              {permissions.map((permission) => (
                <Col key={permission} xs={24} md={12} xl={8}>
                  <Checkbox
                    checked={chosen.has(permission)}
                    disabled={disabled}
                    onChange={(event) => set([permission], event.target.checked)}
                  >
                    {labels.permission(permission)}
                    <span className="permission-editor__key">{permission}</span>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </section>
        );
      })}
    </div>
  );
}
