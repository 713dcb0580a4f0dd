import type { User } from '../../../shared/contract';
import { NAV_ITEMS, navItemsFor, type PageId } from '../lib/navigation';
import { AccountsPage } from '../pages/admin/AccountsPage';
import { ComingLaterPage } from '../pages/ComingLaterPage';
import { EventLogPage } from '../pages/events/EventLogPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { useRoute } from '../state/route-store';
import { NavBar } from './NavBar';
import { TopBar } from './TopBar';

/** The logged-in layout: top bar, navigation on the left, the current page. */
export function AppFrame({ user }: { user: User }) {
  const requested = useRoute((state) => state.page);
  // A bookmarked page the role may not use falls back to the overview.
  const allowed = navItemsFor(user.role).some((item) => item.id === requested);
  const page: PageId = allowed ? requested : 'overview';
  return (
    <div className="app-frame">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          // The hash holds the route, so move focus instead of following the link.
          event.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to content
      </a>
      <TopBar />
      <NavBar role={user.role} />
      <main className="content" id="main-content" tabIndex={-1}>
        <CurrentPage page={page} user={user} />
      </main>
    </div>
  );
}

function CurrentPage({ page, user }: { page: PageId; user: User }) {
  switch (page) {
    case 'admin':
      return <AccountsPage currentUser={user} />;
    case 'events':
      return <EventLogPage />;
    case 'settings':
      return <SettingsPage user={user} />;
    default: {
      const item = NAV_ITEMS.find((candidate) => candidate.id === page) ?? NAV_ITEMS[0];
      return item ? <ComingLaterPage item={item} /> : null;
    }
  }
}
