import { CheckList, DatePicker, ImageUploader, type ImageUploadItem, Picker, Popup, SearchBar, Toast } from 'antd-mobile';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../components/use-debounced';
import { useSystems, useUserOptions } from '../org/api';
import { uploadFile } from '../tickets/api';

/** A tappable line that shows the chosen value or a grey placeholder. */
function Trigger({ text, placeholder, onClick }: { text: string | null; placeholder: string; onClick: () => void }) {
  return (
    <button type="button" className="mt-trigger" onClick={onClick} style={{ color: text ? '#1f1f1f' : '#bfbfbf' }}>
      {text ?? placeholder}
    </button>
  );
}

/** A colleague by name search, in a bottom sheet. */
export function UserPickerMobile({ value, onChange }: { value?: number | null; onChange?: (id: number | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const people = useUserOptions(useDebounced(search.trim()), open);
  return (
    <>
      <Trigger text={value ? chosen : null} placeholder={t('shell.searchPerson')} onClick={() => setOpen(true)} />
      <Popup
        visible={open}
        onMaskClick={() => setOpen(false)}
        bodyStyle={{ height: '70vh', borderTopLeftRadius: 12, borderTopRightRadius: 12 }}
      >
        <div style={{ padding: 12 }}>
          <SearchBar placeholder={t('shell.searchPerson')} value={search} onChange={setSearch} />
        </div>
        <div style={{ overflowY: 'auto', height: 'calc(70vh - 60px)' }}>
          <CheckList
            value={value ? [String(value)] : []}
            onChange={(ids) => {
              const id = Number(ids[0]);
              const user = people.data?.find((u) => u.id === id);
              setChosen(user?.displayName ?? null);
              onChange?.(id || null);
              setOpen(false);
            }}
          >
            {(people.data ?? []).map((user) => (
              <CheckList.Item
                key={user.id}
                value={String(user.id)}
                description={[user.username, user.departmentName].filter(Boolean).join(' · ')}
              >
                {user.displayName}
              </CheckList.Item>
            ))}
          </CheckList>
        </div>
      </Popup>
    </>
  );
}

/** An IT system from the active ones. */
export function SystemPickerMobile({ value, onChange }: { value?: number | null; onChange?: (id: number | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const systems = useSystems();
  const options = (systems.data ?? []).filter((s) => s.active).map((s) => ({ value: String(s.id), label: s.name }));
  return (
    <>
      <Trigger
        text={options.find((o) => o.value === String(value))?.label ?? null}
        placeholder={t('ticketsUi.catalog.selectPlaceholder')}
        onClick={() => setOpen(true)}
      />
      <Picker
        columns={[options]}
        visible={open}
        onClose={() => setOpen(false)}
        value={value ? [String(value)] : []}
        onConfirm={(picked) => onChange?.(picked[0] ? Number(picked[0]) : null)}
        confirmText={t('common.ok')}
        cancelText={t('common.cancel')}
      />
    </>
  );
}

/** A day, as YYYY-MM-DD. */
export function DateFieldMobile({ value, onChange }: { value?: string | null; onChange?: (date: string | null) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Trigger text={value ?? null} placeholder={t('ticketsUi.catalog.selectPlaceholder')} onClick={() => setOpen(true)} />
      <DatePicker
        visible={open}
        onClose={() => setOpen(false)}
        value={value ? dayjs(value).toDate() : undefined}
        min={dayjs().subtract(5, 'year').toDate()}
        max={dayjs().add(5, 'year').toDate()}
        onConfirm={(date) => onChange?.(dayjs(date).format('YYYY-MM-DD'))}
        confirmText={t('common.ok')}
        cancelText={t('common.cancel')}
      />
    </>
  );
}

/** Photos from the phone (camera or album), uploaded at once; the value is their ids. */
export function PhotosFieldMobile({ value, onChange, max = 9 }: { value?: number[]; onChange?: (ids: number[]) => void; max?: number }) {
  const [items, setItems] = useState<ImageUploadItem[]>([]);
  return (
    <ImageUploader
      value={items}
      onChange={(next) => {
        setItems(next);
        const ids = next.map((item) => item.extra as number).filter(Boolean);
        if (ids.join() !== (value ?? []).join()) onChange?.(ids);
      }}
      accept="image/*"
      capture="environment"
      multiple
      maxCount={max}
      upload={async (file) => {
        try {
          const saved = await uploadFile(file);
          return { url: URL.createObjectURL(file), extra: saved.id };
        } catch (error) {
          Toast.show({ icon: 'fail', content: (error as Error).message });
          throw error;
        }
      }}
      data-testid="mobile-photos"
    />
  );
}
