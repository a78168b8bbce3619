import { catalogues, LOCALES, type Locale, TIMELINE_KINDS } from '@shuyun/shared';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../app/api-types';
import { i18n, type useLabels } from '../app/i18n';
import { timelineText } from './timeline-text';

const entry = (event: TimelineEntry['event']): TimelineEntry => ({
  id: 1,
  at: '2026-11-22T08:00:00Z',
  actorId: 7,
  actorName: '周杰',
  internal: false,
  event,
});

function render(locale: Locale, event: TimelineEntry['event'], recordType?: string): string {
  const labels = { locale, roleName: (key: string) => key, scope: (scope: string) => scope } as unknown as ReturnType<typeof useLabels>;
  return timelineText(entry(event), i18n.getFixedT(locale), labels, undefined, recordType);
}

describe('timeline texts', () => {
  it('have a sentence for every timeline kind in both languages', () => {
    for (const locale of LOCALES) {
      for (const kind of TIMELINE_KINDS) expect(catalogues[locale].timeline[kind], `${locale} timeline.${kind}`).toBeTruthy();
    }
  });

  it('write the knowledge kinds on a ticket with their article, in both languages', () => {
    const captured = { kind: 'knowledgeCaptured', articleNumber: 'ZS20261122-0001' };
    const applied = { kind: 'knowledgeApplied', articleNumber: 'ZS20261122-0002', articleTitle: 'VPN 连接失败 <b>809</b>' };
    expect(render('zh-CN', captured)).toBe('周杰 从本记录沉淀了知识 ZS20261122-0001');
    expect(render('en-US', captured)).toBe('周杰 captured knowledge ZS20261122-0001 from this record');
    expect(render('zh-CN', applied)).toBe('周杰 应用了知识 ZS20261122-0002「VPN 连接失败 <b>809</b>」');
    expect(render('en-US', applied)).toContain('ZS20261122-0002');
    expect(render('en-US', applied)).toContain('VPN 连接失败 <b>809</b>');
  });

  it('write the kinds on an article: captured from, versions, review confirmed', () => {
    const cases: [TimelineEntry['event'], string, string[]][] = [
      [
        { kind: 'capturedFrom', recordType: 'ticket', recordNumber: 'GD20261122-0007' },
        '周杰 从 GD20261122-0007 沉淀为知识',
        ['GD20261122-0007'],
      ],
      [{ kind: 'versionCreated', revision: 3, fromRevision: 2 }, '周杰 创建了第 3 版草稿', ['3']],
      [{ kind: 'versionRestored', revision: 4, fromRevision: 1 }, '周杰 从第 1 版恢复为第 4 版草稿', ['4', '1']],
      [{ kind: 'reviewConfirmed', reviewBy: '2027-05-01' }, '周杰 确认内容仍然有效，下次复审日期 2027-05-01', ['2027-05-01']],
    ];
    for (const [event, zh, values] of cases) {
      expect(render('zh-CN', event, 'knowledge')).toBe(zh);
      const en = render('en-US', event, 'knowledge');
      expect(en).not.toContain('{{');
      expect(en).not.toContain(`· ${event.kind}`);
      for (const value of values) expect(en).toContain(value);
    }
  });

  it('name an article’s statuses and fields as knowledge, not as a ticket', () => {
    expect(render('zh-CN', { kind: 'stateChanged', from: 'draft', to: 'submitted' }, 'knowledge')).toBe(
      '周杰 将状态从「草稿」改为「待审核」',
    );
    expect(render('en-US', { kind: 'stateChanged', from: 'submitted', to: 'published' }, 'knowledge')).toContain(
      catalogues['en-US'].knowledge.versionStatuses.published,
    );
    expect(render('zh-CN', { kind: 'updated', fields: ['title', 'categoryId', 'reviewBy'] }, 'knowledge')).toBe(
      '周杰 修改了 标题、分类、复审日期',
    );
    // A ticket keeps its own names.
    expect(render('zh-CN', { kind: 'stateChanged', from: 'new', to: 'in_progress' })).toBe('周杰 将状态从「待受理」改为「处理中」');
  });
});
