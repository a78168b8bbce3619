import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'react';

/**
 * Reads QR codes from the camera: frames from a <video> are drawn onto a canvas and decoded with jsQR
 * (BarcodeDetector is not in every browser). Calls `onCode` once per distinct code within `repeatMs`.
 */
export function QrScanner({
  onCode,
  onError,
  repeatMs = 3000,
}: {
  onCode: (text: string) => void;
  onError: () => void;
  repeatMs?: number;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const last = useRef<{ text: string; at: number } | null>(null);
  const handler = useRef(onCode);
  handler.current = onCode;
  const failed = useRef(onError);
  failed.current = onError;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: number | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = () => {
      const v = video.current;
      if (stopped || !v || !context) return;
      if (v.readyState >= 2 && v.videoWidth > 0) {
        // Decoding a smaller frame is faster and QR labels still read well.
        const scale = Math.min(1, 640 / v.videoWidth);
        canvas.width = Math.round(v.videoWidth * scale);
        canvas.height = Math.round(v.videoHeight * scale);
        context.drawImage(v, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        const text = code?.data.trim();
        const now = Date.now();
        if (text && !(last.current && last.current.text === text && now - last.current.at < repeatMs)) {
          last.current = { text, at: now };
          handler.current(text);
        }
      }
      timer = window.setTimeout(tick, 200);
    };
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        setReady(true);
        tick();
      } catch {
        failed.current();
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [repeatMs]);

  return (
    <div className="st-camera" data-ready={ready}>
      <video ref={video} muted playsInline data-testid="qr-video" />
      <div className="st-camera__frame" />
    </div>
  );
}
