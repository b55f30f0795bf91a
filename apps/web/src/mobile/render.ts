import type { ReactElement } from 'react';
import { unstableSetRender } from 'antd-mobile';
import { createRoot, type Root } from 'react-dom/client';

// antd-mobile 5 shows Toast and Dialog through the React 18 render API, which React 19 no longer has: without this
// its messages throw instead of showing.
const roots = new WeakMap<Element | DocumentFragment, Root>();

export function mobileRender(node: ReactElement, container: Element | DocumentFragment): () => Promise<void> {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    // let the closing animation's last render finish first
    await new Promise((resolve) => setTimeout(resolve, 0));
    roots.delete(container);
    root.unmount();
  };
}

unstableSetRender(mobileRender);
