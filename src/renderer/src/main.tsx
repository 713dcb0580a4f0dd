// The app-wide base first: every component's and page's own styles come after it.
import './styles.css';
import './shared-looks.css';
// The light theme overrides the base's fixed colours: it loads right after it, before any page.
import './theme-light.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectServerState, createServerState } from './server-state/server-state';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks the #root element');
const serverState = createServerState();
connectServerState(serverState);
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={serverState}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
