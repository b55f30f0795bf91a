import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import SignaturePad, { type PointGroup } from 'signature_pad';

export interface SignaturePadHandle {
  isEmpty(): boolean;
  clear(): void;
  toPng(): string;
}

/**
 * A signature pad that keeps the drawing when the phone rotates or the window resizes: the strokes are kept as
 * points, the canvas is resized to its box at the device's pixel ratio, and the points are scaled and redrawn.
 */
export const SignaturePadBox = forwardRef<SignaturePadHandle, { height?: number; onChange?: (empty: boolean) => void }>(
  function SignaturePadBox({ height = 180, onChange }, ref) {
    const canvasRef = useRef<HTMLCanvasElement>(null);
    const padRef = useRef<SignaturePad | null>(null);
    const widthRef = useRef(0);

    useImperativeHandle(ref, () => ({
      isEmpty: () => padRef.current?.isEmpty() ?? true,
      clear: () => {
        padRef.current?.clear();
        onChange?.(true);
      },
      toPng: () => padRef.current?.toDataURL('image/png') ?? '',
    }));

    useEffect(() => {
      const canvas = canvasRef.current!;
      const pad = new SignaturePad(canvas, { penColor: '#111', minWidth: 1, maxWidth: 3 });
      padRef.current = pad;
      const changed = () => onChange?.(pad.isEmpty());
      pad.addEventListener('endStroke', changed);
      const fit = () => {
        const ratio = Math.max(window.devicePixelRatio || 1, 1);
        const w = canvas.offsetWidth;
        if (!w) return;
        const data: PointGroup[] = pad.toData();
        const scale = widthRef.current ? w / widthRef.current : 1;
        canvas.width = w * ratio;
        canvas.height = height * ratio;
        canvas.getContext('2d')!.scale(ratio, ratio);
        pad.clear();
        if (data.length) {
          pad.fromData(
            data.map((g) => ({ ...g, points: g.points.map((p) => ({ ...p, x: p.x * scale, y: p.y * scale })) })),
          );
        }
        widthRef.current = w;
      };
      fit();
      const ro = new ResizeObserver(() => fit());
      ro.observe(canvas);
      window.addEventListener('orientationchange', fit);
      return () => {
        ro.disconnect();
        window.removeEventListener('orientationchange', fit);
        pad.removeEventListener('endStroke', changed);
        pad.off();
      };
    }, [height, onChange]);

    return (
      <canvas
        ref={canvasRef}
        className="sign-pad"
        data-testid="signature-pad"
        style={{ width: '100%', height, touchAction: 'none', display: 'block' }}
      />
    );
  },
);
