// The frame's styles before those of anything inside it.
import './app-frame.css';
import type { User } from '../../../shared/contract';
import { canOpen, NAV_ITEMS, type PageId } from '../lib/navigation';
import { AdminPage } from '../pages/admin/AdminPage';
import { AlertsPage } from '../pages/alerts/AlertsPage';
import { ComingLaterPage } from '../pages/ComingLaterPage';
import { DeadLettersPage } from '../pages/dead-letters/DeadLettersPage';
import { LinesPage } from '../pages/lines/LinesPage';
import { MachinePage } from '../pages/machine/MachinePage';
import { MaintenancePage } from '../pages/maintenance/MaintenancePage';
import { HandoverPage } from '../pages/handover/HandoverPage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { QualityPage } from '../pages/quality/QualityPage';
import { ReportsPage } from '../pages/reports/ReportsPage';
import { EventLogPage } from '../pages/events/EventLogPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { SimulatorPage } from '../pages/simulator/SimulatorPage';
import { useAudibleAlarm } from '../hooks/use-audible-alarm';
import { useSimulatedMachines } from '../hooks/use-simulated-machines';
import { useRoute } from '../state/route-store';
import { useConnection } from '../state/connection-store';
import { useSession } from '../state/session-store';
import { useWall } from '../state/wall-store';
import { DisplayWall } from '../pages/overview/DisplayWall';
import { AlarmBanner } from './AlarmBanner';
import { ConnectionBanner } from './ConnectionBanner';
import { NavBar } from './NavBar';
import { PageErrorBoundary } from './PageErrorBoundary';
import { TopBar } from './TopBar';

/** The logged-in layout: top bar, navigation on the left, the current page. */
export function AppFrame({ user }: { user: User }) {
  const displayScreen = useSession((state) => state.displayScreen);
  // A wall display session shows the wall and nothing else: no navigation, no actions.
  return displayScreen ? <DisplayFrame screen={displayScreen} /> : <DeskFrame user={user} />;
}

function DisplayFrame({ screen }: { screen: string }) {
  const stale = useConnection((state) => state.status === 'lost');
  useSimulatedMachines();
  return (
    <div
      className={`app-frame app-frame-wall${stale ? ' app-frame-stale' : ''}`}
      data-stale={stale || undefined}
      data-testid="display-frame"
    >
      <main className="content" id="main-content" tabIndex={-1}>
        <ConnectionBanner />
        <DisplayWall screen={screen} />
      </main>
    </div>
  );
}

function DeskFrame({ user }: { user: User }) {
  const requested = useRoute((state) => state.page);
  const machineId = useRoute((state) => state.machineId);
  // A bookmarked page the role may not use falls back to the overview.
  const page: PageId = canOpen(user.role, requested) ? requested : 'overview';
  // Wall mode shows the Overview alone: no top bar, no navigation.
  const wall = useWall((state) => state.active) && page === 'overview';
  // Data from before a lost connection is greyed, so nobody takes it for live.
  const stale = useConnection((state) => state.status === 'lost');
  useAudibleAlarm();
  // Which machines are simulated, for the SIM mark on every page.
  useSimulatedMachines();
  const classes = [
    'app-frame',
    'app-frame-banner',
    wall && 'app-frame-wall',
    stale && 'app-frame-stale',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-stale={stale || undefined}>
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
      {/* The alarm banner, on every page (wall mode has its own strip and attention row). */}
      {!wall && <AlarmBanner user={user} />}
      <main className="content" id="main-content" tabIndex={-1}>
        <ConnectionBanner />
        {/* One boundary per page: a page that throws leaves the frame (bars, banner) standing. */}
        <PageErrorBoundary key={`${page}:${machineId ?? ''}`} pageName={pageTitle(page)}>
          <CurrentPage page={page} machineId={machineId} user={user} />
        </PageErrorBoundary>
      </main>
    </div>
  );
}

function pageTitle(page: PageId): string {
  if (page === 'machine') return 'Machine';
  return NAV_ITEMS.find((item) => item.id === page)?.label ?? page;
}

interface CurrentPageProps {
  page: PageId;
  machineId: string | null;
  user: User;
}

function CurrentPage({ page, machineId, user }: CurrentPageProps) {
  switch (page) {
    case 'overview':
      return <OverviewPage />;
    case 'machine':
      // key: a new machine starts with fresh state (results, commands) rather than the last one's.
      return machineId ? (
        <MachinePage key={machineId} machineId={machineId} user={user} />
      ) : (
        <OverviewPage />
      );
    case 'lines':
      return <LinesPage />;
    case 'quality':
      return <QualityPage user={user} />;
    case 'dead-letters':
      return <DeadLettersPage user={user} />;
    case 'admin':
      return <AdminPage currentUser={user} />;
    case 'alerts':
      return <AlertsPage user={user} />;
    case 'maintenance':
      return <MaintenancePage user={user} />;
    case 'handover':
      return <HandoverPage user={user} />;
    case 'reports':
      return <ReportsPage user={user} />;
    case 'events':
      return <EventLogPage />;
    case 'settings':
      return <SettingsPage user={user} />;
    case 'simulator':
      return <SimulatorPage />;
    default: {
      const item = NAV_ITEMS.find((candidate) => candidate.id === page) ?? NAV_ITEMS[0];
      return item ? <ComingLaterPage item={item} /> : null;
    }
  }
}
