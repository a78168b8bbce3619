import { Button, Checkbox, ErrorBlock, Input, List, NavBar, Picker, ProgressBar, Skeleton, Tag } from 'antd-mobile';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../../app/api-client';
import { formatDateTime } from '../../../app/i18n';
import { type ScanResult, useScan, useStocktake, useStocktakeLines, useStocktakeOptions } from './api';
import { MOBILE_RESULT_COLORS, percentDone } from './format';
import { QrScanner } from './qr-scanner';
import './stocktake-mobile.css';

interface Feedback {
  tone: 'found' | 'warn' | 'surplus' | 'error';
  text: string;
}

/** Phone scan page: camera (jsQR) or typed tag, a location picker, feedback per scan, progress and what is still missing. */
export function ScanMobilePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const detail = useStocktake(id);
  const options = useStocktakeOptions();
  const pending = useStocktakeLines(id, { result: 'pending', pageSize: 100 });
  const scan = useScan(id);
  const [tag, setTag] = useState('');
  const [locationId, setLocationId] = useState<number | null>(null);
  const [picking, setPicking] = useState(false);
  const [custodianDiffers, setCustodianDiffers] = useState(false);
  const [camera, setCamera] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [recent, setRecent] = useState<ScanResult['line'][]>([]);
  const busy = useRef(false);

  const locations = useMemo(() => {
    const all = options.data?.locations ?? [];
    const depth = (l: (typeof all)[number]): number => {
      const parent = all.find((p) => p.id === l.parentId);
      return parent ? depth(parent) + 1 : 0;
    };
    return all.map((l) => ({ label: `${'　'.repeat(depth(l))}${l.name}`, value: String(l.id), name: l.name }));
  }, [options.data]);
  const locationName = locations.find((l) => l.value === String(locationId))?.name;

  const submit = async (text: string) => {
    const value = text.trim();
    if (!value || busy.current) return;
    busy.current = true;
    try {
      const result = await scan.mutateAsync({
        tag: value,
        locationId,
        ...(custodianDiffers ? { custodianConfirmed: false } : {}),
      });
      const line = result.line;
      const values = {
        tag: line.tag,
        name: line.assetName ?? '',
        expected: line.expectedLocation?.name ?? '—',
        custodian: line.expectedCustodian?.displayName ?? '—',
      };
      const tone = line.result === 'found' ? 'found' : line.result === 'surplus' ? 'surplus' : 'warn';
      setFeedback({ tone, text: t(`stocktake.mobile.feedback.${line.result as 'found'}`, values) });
      setRecent((list) => [line, ...list].slice(0, 20));
      setTag('');
      setCustodianDiffers(false);
    } catch (error) {
      if (isApiError(error) && error.code === 'alreadyScanned') {
        const details = error.details as { tag: string; scannedBy: { displayName: string } | null; scannedAt: string | null };
        setFeedback({
          tone: 'error',
          text: t('stocktake.mobile.feedback.alreadyScanned', {
            tag: details.tag,
            by: details.scannedBy?.displayName ?? '',
            at: formatDateTime(details.scannedAt),
          }),
        });
        setTag('');
      } else setFeedback({ tone: 'error', text: (error as Error).message });
    } finally {
      busy.current = false;
    }
  };

  if (detail.isPending) return <Skeleton.Paragraph lineCount={8} animated style={{ padding: 16 }} />;
  if (detail.isError)
    return (
      <ErrorBlock
        status={isApiError(detail.error) && detail.error.status === 404 ? 'empty' : 'disconnected'}
        title={detail.error.message}
      />
    );
  const st = detail.data;
  const progress = st.progress;

  return (
    <div className="st-page">
      <NavBar onBack={() => navigate('/m/stocktakes')} style={{ background: '#fff' }}>
        {t('stocktake.mobile.scan')}
      </NavBar>
      <div className="st-body">
        <div className="st-card">
          <h1 className="st-card__title">{st.name}</h1>
          <div className="st-muted">
            {st.number} · {t(`stocktake.status.${st.status}`)}
          </div>
          <ProgressBar percent={percentDone(progress)} text style={{ marginTop: 8 }} />
          <div className="st-counts" data-testid="progress">
            {(
              [
                ['expected', progress.expected],
                ['found', progress.found],
                ['anomalies', progress.anomalies],
                ['pending', progress.pending],
              ] as const
            ).map(([key, n]) => (
              <div key={key}>
                <div className="st-counts__n" data-testid={`progress-${key}`}>
                  {n}
                </div>
                <div className="st-counts__label">{t(`stocktake.progress.${key}`)}</div>
              </div>
            ))}
          </div>
        </div>

        {st.status === 'in_progress' && st.isCounter ? (
          <div className="st-card">
            {camera ? (
              <QrScanner
                onCode={(text) => void submit(text)}
                onError={() => {
                  setCamera(false);
                  setFeedback({ tone: 'error', text: t('stocktake.mobile.cameraUnavailable') });
                }}
              />
            ) : null}
            <Button
              block
              color={camera ? 'default' : 'primary'}
              fill="outline"
              style={{ margin: '8px 0' }}
              onClick={() => setCamera(!camera)}
            >
              {camera ? t('stocktake.mobile.cameraStop') : t('stocktake.mobile.cameraStart')}
            </Button>
            <div className="st-row">
              <Input
                aria-label={t('stocktake.mobile.manual')}
                placeholder={t('stocktake.mobile.tagPlaceholder')}
                value={tag}
                onChange={setTag}
                onEnterPress={() => void submit(tag)}
                clearable
              />
              <Button color="primary" loading={scan.isPending} onClick={() => void submit(tag)} data-testid="scan-submit">
                {t('stocktake.mobile.submit')}
              </Button>
            </div>
            <List style={{ marginTop: 8, '--border-top': 'none' } as React.CSSProperties}>
              <List.Item onClick={() => setPicking(true)} extra={locationName ?? t('stocktake.mobile.locationPlaceholder')} clickable>
                {t('stocktake.mobile.location')}
              </List.Item>
              <List.Item>
                <Checkbox checked={custodianDiffers} onChange={setCustodianDiffers}>
                  {t('stocktake.mobile.custodianDiffers')}
                </Checkbox>
              </List.Item>
            </List>
            <Picker
              columns={[[{ label: t('common.none'), value: '' }, ...locations.map(({ label, value }) => ({ label, value }))]]}
              visible={picking}
              onClose={() => setPicking(false)}
              value={[locationId ? String(locationId) : '']}
              onConfirm={(value) => setLocationId(value[0] ? Number(value[0]) : null)}
              confirmText={t('common.ok')}
              cancelText={t('common.cancel')}
            />
          </div>
        ) : null}

        {feedback ? (
          <div className={`st-feedback st-feedback--${feedback.tone}`} role="status" data-testid="scan-feedback">
            {feedback.text}
          </div>
        ) : null}

        {recent.length ? (
          <List header={t('stocktake.mobile.recent')} mode="card" style={{ margin: 0 }}>
            {recent.map((line) => (
              <List.Item
                key={line.id}
                description={line.assetName ?? ''}
                extra={<Tag color={MOBILE_RESULT_COLORS[line.result]}>{t(`stocktake.result.${line.result}`)}</Tag>}
              >
                {line.tag}
              </List.Item>
            ))}
          </List>
        ) : null}

        <List
          header={`${t('stocktake.mobile.notFound')}（${pending.data?.total ?? 0}）`}
          mode="card"
          style={{ margin: 0 }}
          data-testid="pending-list"
        >
          {(pending.data?.items ?? []).map((line) => (
            <List.Item
              key={line.id}
              description={[line.assetName, line.expectedLocation?.name, line.expectedCustodian?.displayName].filter(Boolean).join(' · ')}
              onClick={st.status === 'in_progress' ? () => setTag(line.tag) : undefined}
            >
              {line.tag}
            </List.Item>
          ))}
        </List>
      </div>
    </div>
  );
}
