import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { User } from '../../app/api-types';

export function isLocked(user: Pick<User, 'lockedUntil'>): boolean {
  return Boolean(user.lockedUntil && dayjs(user.lockedUntil).isAfter(dayjs()));
}

/** Active / inactive, plus locked while a lockout lasts. */
export function UserStatusTags({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <>
      {user.active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}
      {isLocked(user) && <Tag color="error">{t('org.locked')}</Tag>}
    </>
  );
}
