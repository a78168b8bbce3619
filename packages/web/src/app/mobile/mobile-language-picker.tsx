import { LOCALES, type Locale } from '@shuyun/shared';
import { ActionSheet, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import { useLabels } from '../i18n';

interface MobileLanguagePickerProps {
  visible: boolean;
  onClose: () => void;
}

/** An action sheet with the two languages; saved to the profile when signed in. */
export function MobileLanguagePicker({ visible, onClose }: MobileLanguagePickerProps) {
  const { t } = useTranslation();
  const { switchLocale } = useAuth();
  const labels = useLabels();
  return (
    <ActionSheet
      visible={visible}
      onClose={onClose}
      cancelText={t('common.cancel')}
      extra={t('common.language')}
      actions={LOCALES.map((locale) => ({
        key: locale,
        text: labels.language(locale),
        bold: locale === labels.locale,
      }))}
      onAction={(action) => {
        onClose();
        switchLocale(action.key as Locale).catch((error: Error) => Toast.show({ icon: 'fail', content: error.message }));
      }}
    />
  );
}
