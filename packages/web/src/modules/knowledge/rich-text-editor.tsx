import {
  BoldOutlined,
  CodeOutlined,
  DisconnectOutlined,
  ItalicOutlined,
  LinkOutlined,
  LoadingOutlined,
  OrderedListOutlined,
  PictureOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Divider, Input, Popover, Tooltip } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../components/use-api-feedback';
import { uploadKnowledgeImage } from './api';
import { cleanPastedHtml, escapeHtml, textAsHtml } from './paste-cleanup';
import './article-body.css';
import './rich-text-editor.css';

interface RichTextEditorProps {
  value?: string;
  onChange?: (html: string) => void;
  id?: string;
  placeholder?: string;
  minHeight?: number;
  /** Images can be pasted, dropped or picked (uploaded to the file store, shown from /api/files/:id). */
  images?: boolean;
  testId?: string;
}

/** Empty-looking editor content (a lone <br> or empty paragraph) counts as empty. */
function normalise(html: string): string {
  const trimmed = html.trim();
  return /^(<p>)?(<br\s*\/?>)?(<\/p>)?$/.test(trimmed) ? '' : trimmed;
}

/**
 * A small rich-text editor on contentEditable: bold, italic, headings, lists, code, links and
 * images. What it produces is a draft; the server keeps only its safe subset of HTML on save.
 */
export function RichTextEditor({ value = '', onChange, id, placeholder, minHeight = 180, images = true, testId }: RichTextEditorProps) {
  const { t } = useTranslation();
  const { showError } = useApiFeedback();
  const ref = useRef<HTMLDivElement>(null);
  const emitted = useRef<string | null>(null);
  const savedRange = useRef<Range | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkHref, setLinkHref] = useState('https://');

  // Outside changes (loading a version, a reset) replace the content; our own edits do not round-trip.
  useEffect(() => {
    const element = ref.current;
    if (element && value !== emitted.current && normalise(element.innerHTML) !== normalise(value)) {
      element.innerHTML = value;
      emitted.current = value;
    }
  }, [value]);

  const emit = () => {
    const html = normalise(ref.current?.innerHTML ?? '');
    if (html === normalise(emitted.current ?? value)) return;
    emitted.current = html;
    onChange?.(html);
  };

  // New lines make paragraphs (<p>), not the browser's default <div>s.
  useEffect(() => {
    document.execCommand('defaultParagraphSeparator', false, 'p');
  }, []);

  const rememberSelection = () => {
    const selection = window.getSelection();
    if (selection?.rangeCount && ref.current?.contains(selection.anchorNode)) savedRange.current = selection.getRangeAt(0).cloneRange();
  };

  const restoreSelection = () => {
    ref.current?.focus();
    const selection = window.getSelection();
    if (savedRange.current && selection) {
      selection.removeAllRanges();
      selection.addRange(savedRange.current);
    }
  };

  const exec = (command: string, arg?: string) => {
    restoreSelection();
    document.execCommand(command, false, arg);
    rememberSelection();
    emit();
  };

  const insertHtml = (html: string) => exec('insertHTML', html);

  const uploadImages = async (files: File[]) => {
    const pictures = files.filter((f) => f.type.startsWith('image/'));
    if (!pictures.length) return;
    rememberSelection();
    setUploading((n) => n + pictures.length);
    for (const file of pictures) {
      try {
        const saved = await uploadKnowledgeImage(file);
        insertHtml(`<img src="/api/files/${saved.id}" alt="${escapeHtml(saved.name)}">`);
      } catch (error) {
        showError(error);
      } finally {
        setUploading((n) => n - 1);
      }
    }
  };

  const onPaste = (event: React.ClipboardEvent<HTMLDivElement>) => {
    const files = [...event.clipboardData.files];
    if (images && files.some((f) => f.type.startsWith('image/'))) {
      event.preventDefault();
      void uploadImages(files);
      return;
    }
    event.preventDefault();
    const html = event.clipboardData.getData('text/html');
    rememberSelection();
    insertHtml(html ? cleanPastedHtml(html) : textAsHtml(event.clipboardData.getData('text/plain')));
  };

  const onDrop = (event: React.DragEvent<HTMLDivElement>) => {
    const files = [...event.dataTransfer.files];
    if (!files.length) return;
    event.preventDefault();
    if (images) {
      const range = document.caretRangeFromPoint?.(event.clientX, event.clientY);
      if (range) savedRange.current = range;
      void uploadImages(files);
    }
  };

  const inlineCode = () => {
    restoreSelection();
    const text = window.getSelection()?.toString() ?? '';
    if (text) insertHtml(`<code>${escapeHtml(text)}</code>`);
    else exec('formatBlock', 'pre');
  };

  const addLink = () => {
    const href = linkHref.trim();
    setLinkOpen(false);
    if (!/^(https?:\/\/|mailto:)\S+$/i.test(href)) return;
    restoreSelection();
    const text = window.getSelection()?.toString();
    if (text) exec('createLink', href);
    else insertHtml(`<a href="${escapeHtml(href)}">${escapeHtml(href)}</a>`);
  };

  /** Unwraps the link around the caret or the selection, keeping its text. */
  const removeLink = () => {
    restoreSelection();
    const selection = window.getSelection();
    const at = selection?.anchorNode;
    const link = (at instanceof Element ? at : at?.parentElement)?.closest('a');
    if (selection?.isCollapsed && link && ref.current?.contains(link)) {
      const range = document.createRange();
      range.selectNodeContents(link);
      selection.removeAllRanges();
      selection.addRange(range);
      rememberSelection();
    }
    exec('unlink');
  };

  const tool = (key: string, label: string, icon: ReactNode, onClick: () => void) => (
    <Tooltip key={key} title={label} mouseEnterDelay={0.4}>
      <Button
        type="text"
        size="small"
        icon={icon}
        aria-label={label}
        data-tool={key}
        // Keep the text selection: a click on the toolbar must not take focus from the editor.
        onMouseDown={(event) => event.preventDefault()}
        onClick={onClick}
      />
    </Tooltip>
  );

  return (
    <div className="rte" data-testid={testId}>
      <div className="rte__toolbar" role="toolbar">
        {tool('bold', t('knowledge.editor.bold'), <BoldOutlined />, () => exec('bold'))}
        {tool('italic', t('knowledge.editor.italic'), <ItalicOutlined />, () => exec('italic'))}
        <Divider orientation="vertical" />
        {tool('h2', t('knowledge.editor.heading'), <span className="rte__glyph">H2</span>, () => exec('formatBlock', 'h2'))}
        {tool('h3', t('knowledge.editor.subheading'), <span className="rte__glyph">H3</span>, () => exec('formatBlock', 'h3'))}
        {tool('p', t('knowledge.editor.paragraph'), <span className="rte__glyph">¶</span>, () => exec('formatBlock', 'p'))}
        <Divider orientation="vertical" />
        {tool('ul', t('knowledge.editor.bulletList'), <UnorderedListOutlined />, () => exec('insertUnorderedList'))}
        {tool('ol', t('knowledge.editor.numberedList'), <OrderedListOutlined />, () => exec('insertOrderedList'))}
        {tool('code', t('knowledge.editor.code'), <CodeOutlined />, inlineCode)}
        <Popover
          open={linkOpen}
          onOpenChange={(open) => {
            if (open) rememberSelection();
            setLinkOpen(open);
          }}
          trigger="click"
          content={
            <div className="rte__link">
              <Input
                size="small"
                value={linkHref}
                onChange={(e) => setLinkHref(e.target.value)}
                onPressEnter={addLink}
                placeholder="https://"
                data-testid="rte-link-input"
                autoFocus
              />
              <Button size="small" type="primary" onClick={addLink}>
                {t('common.ok')}
              </Button>
            </div>
          }
        >
          <span>
            <Tooltip title={t('knowledge.editor.link')} mouseEnterDelay={0.4}>
              <Button
                type="text"
                size="small"
                icon={<LinkOutlined />}
                aria-label={t('knowledge.editor.link')}
                data-tool="link"
                onMouseDown={(event) => {
                  event.preventDefault();
                  rememberSelection();
                }}
              />
            </Tooltip>
          </span>
        </Popover>
        {tool('unlink', t('knowledge.editor.unlink'), <DisconnectOutlined />, removeLink)}
        {images &&
          tool('image', t('knowledge.editor.image'), uploading ? <LoadingOutlined /> : <PictureOutlined />, () => {
            rememberSelection();
            fileInput.current?.click();
          })}
        {images && (
          <input
            ref={fileInput}
            type="file"
            accept="image/png,image/jpeg,image/gif,image/webp"
            multiple
            style={{ display: 'none' }}
            data-testid={testId ? `${testId}-file` : undefined}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void uploadImages(files);
            }}
          />
        )}
        {uploading > 0 && <span className="rte__uploading">{t('knowledge.editor.uploading')}</span>}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a rich-text editing surface cannot be a textarea */}
      <div
        ref={ref}
        id={id}
        className="rte__content article-body"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        tabIndex={0}
        data-placeholder={placeholder}
        style={{ minHeight }}
        onInput={emit}
        onBlur={() => {
          rememberSelection();
          emit();
        }}
        onKeyUp={rememberSelection}
        onMouseUp={rememberSelection}
        onPaste={onPaste}
        onDrop={onDrop}
      />
    </div>
  );
}
