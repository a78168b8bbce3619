import { Alert } from 'antd';
import type { ApiIssue } from '../app/api-client';
import './issue-list.css';

/** Server issues that no form field could show, listed above the form. */
export function IssueList({ issues }: { issues: ApiIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={
        <ul className="issue-list">
          {issues.map((issue) => (
            <li key={`${issue.path}-${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      }
    />
  );
}
