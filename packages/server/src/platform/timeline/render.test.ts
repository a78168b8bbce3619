import { TIMELINE_KINDS, type TimelineEvent } from '@shuyun/shared';
import { describe, expect, it } from 'vitest';
import { renderTimelineEntry } from './render.js';

const by = (actorName: string | null, event: TimelineEvent) => ({ actorName, event });

describe('rendering a timeline entry as text', () => {
  it('writes Chinese for a zh-CN reader', () => {
    expect(renderTimelineEntry(by('张三', { kind: 'created' }), 'zh-CN')).toBe('张三 创建了记录');
    expect(renderTimelineEntry(by('张三', { kind: 'assigned', toUser: '李四' }), 'zh-CN')).toBe('张三 指派给 李四');
    expect(renderTimelineEntry(by('张三', { kind: 'assigned', toTeam: '网络组' }), 'zh-CN')).toBe('张三 指派给 网络组');
    expect(renderTimelineEntry(by('张三', { kind: 'assigned', toUser: '李四', toTeam: '网络组' }), 'zh-CN')).toBe(
      '张三 指派给 李四（网络组）',
    );
    expect(renderTimelineEntry(by('张三', { kind: 'updated', fields: ['标题', '优先级'] }), 'zh-CN')).toBe('张三 修改了 标题、优先级');
    expect(renderTimelineEntry(by(null, { kind: 'stateChanged', from: '处理中', to: '已解决' }), 'zh-CN')).toBe(
      '系统 将状态从「处理中」改为「已解决」',
    );
    expect(renderTimelineEntry(by('王五', { kind: 'transferred', toTeam: '桌面组', reason: '非本组业务' }), 'zh-CN')).toBe(
      '王五 转单给 桌面组，原因：非本组业务',
    );
    expect(renderTimelineEntry(by('王五', { kind: 'attached', fileName: '截图.png', attachmentId: 3 }), 'zh-CN')).toBe(
      '王五 上传了附件 截图.png',
    );
    expect(renderTimelineEntry(by('赵六', { kind: 'roleGranted', role: 'engineer', scope: 'team' }), 'zh-CN')).toBe(
      '赵六 授予角色「工程师」（本服务组）',
    );
  });

  it('writes English for an en-US reader', () => {
    expect(renderTimelineEntry(by('Zhang San', { kind: 'created' }), 'en-US')).toBe('Zhang San created the record');
    expect(renderTimelineEntry(by('Zhang San', { kind: 'updated', fields: ['title', 'priority'] }), 'en-US')).toBe(
      'Zhang San changed title, priority',
    );
    expect(renderTimelineEntry(by(null, { kind: 'assigned', toUser: 'Li Si', toTeam: 'Network' }), 'en-US')).toBe(
      'System assigned it to Li Si (Network)',
    );
    expect(renderTimelineEntry(by('Wang Wu', { kind: 'workLogged', minutes: 45 }), 'en-US')).toBe('Wang Wu logged 45 minutes of work');
    expect(renderTimelineEntry(by('Zhao Liu', { kind: 'roleRevoked', role: 'auditor' }), 'en-US')).toBe(
      'Zhao Liu revoked the role "Auditor"',
    );
  });

  it('keeps a custom role’s own key when the catalogue has no name for it', () => {
    expect(renderTimelineEntry(by('赵六', { kind: 'roleGranted', role: 'night_shift', scope: 'all' }), 'zh-CN')).toBe(
      '赵六 授予角色「night_shift」（全部）',
    );
  });

  it('has text for every event kind in both languages, with no placeholder left over', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      for (const kind of TIMELINE_KINDS) {
        const text = renderTimelineEntry(by('A', { kind } as TimelineEvent), locale);
        expect(text, `${locale} ${kind}`).not.toContain('timeline.');
        expect(text).not.toContain('{{');
        expect(text.trim().length).toBeGreaterThan(0);
      }
    }
  });
});
