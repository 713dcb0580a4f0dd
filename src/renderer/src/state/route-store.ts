import { create } from 'zustand';
import { isPageId, type PageId } from '../lib/navigation';

interface RouteState {
  page: PageId;
  navigate: (page: PageId) => void;
}

/** The page lives in the URL hash, so a reload stays on it and the browser's back button works. */
function pageFromHash(): PageId {
  const id = window.location.hash.replace(/^#\/?/, '');
  return isPageId(id) ? id : 'overview';
}

export const useRoute = create<RouteState>()((set) => ({
  page: pageFromHash(),
  navigate: (page) => {
    if (window.location.hash !== `#/${page}`) window.location.hash = `/${page}`;
    set({ page });
  },
}));

window.addEventListener('hashchange', () => useRoute.setState({ page: pageFromHash() }));
