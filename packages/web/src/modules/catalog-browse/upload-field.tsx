import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './upload-field.css';
import type { Attachment } from '../../app/api-types';
import { useApiFeedback } from '../../components/use-api-feedback';
import { uploadFile } from '../tickets/api';

interface UploadFieldProps {
  value?: number[];
  onChange?: (ids: number[]) => void;
  id?: string;
  /** Files accepted by the picker, e.g. "image/*". */
  accept?: string;
  max?: number;
  /** A small button (e.g. under a reply box) instead of the drop zone; its label. */
  button?: string;
}

/** Uploads files as soon as they are picked (held by the uploader) and holds their ids for the submit. */
export function UploadField({ value, onChange, id, accept, max = 20, button }: UploadFieldProps) {
  const { t } = useTranslation();
  const { showError } = useApiFeedback();
  const [files, setFiles] = useState<UploadFile<Attachment>[]>([]);

  const idsOf = (list: UploadFile<Attachment>[]) =>
    list.filter((f) => f.status === 'done' && f.response).map((f) => (f.response as Attachment).id);

  const props: UploadProps<Attachment> = {
    id,
    multiple: true,
    accept,
    maxCount: max,
    fileList: files,
    customRequest: ({ file, onSuccess, onError }) => {
      uploadFile(file as File).then(
        (saved) => onSuccess?.(saved),
        (error: unknown) => {
          showError(error);
          onError?.(error as Error);
        },
      );
    },
    onChange: ({ fileList }) => {
      const kept = fileList.filter((f) => f.status !== 'error');
      setFiles(kept);
      const ids = idsOf(kept);
      if (ids.join() !== (value ?? []).join()) onChange?.(ids);
    },
  };

  if (button) {
    return (
      <Upload<Attachment> {...props} listType="text" className="upload-field upload-field--button">
        <Button size="small" type="text" icon={<PaperClipOutlined />} data-testid="upload-button">
          {button}
        </Button>
      </Upload>
    );
  }
  return (
    <Upload.Dragger<Attachment> {...props} listType="picture" className="upload-field">
      <span className="upload-field__hint">
        <UploadOutlined /> {t('ticketsUi.catalog.uploadHint')}
      </span>
    </Upload.Dragger>
  );
}
