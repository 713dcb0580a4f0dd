import { PageHeader } from '../components/PageHeader';
import { COMING_LATER, type NavItem } from '../lib/navigation';
import './coming-later.css';

/** An honest placeholder: says what the page will hold, shows no invented figures. */
export function ComingLaterPage({ item }: { item: NavItem }) {
  const plan = COMING_LATER[item.id];
  return (
    <section aria-labelledby="page-title" data-testid={`page-${item.id}`}>
      <PageHeader title={item.label} />
      <div className="coming-later">
        <p className="coming-later-badge">Coming in a later release</p>
        {plan && (
          <>
            <p className="lead">{plan.summary}</p>
            <p>This page will show:</p>
            <ul>
              {plan.features.map((feature) => (
                <li key={feature}>{feature}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
