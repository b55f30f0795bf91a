import { Spin } from 'antd';

export function PageFallback() {
  return (
    <div className="page-fallback">
      <Spin />
    </div>
  );
}
