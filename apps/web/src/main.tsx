import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

// a page that loaded fine may reload for new chunks again later
window.addEventListener('load', () => setTimeout(() => sessionStorage.removeItem('paidan.chunk-reload'), 10_000));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
