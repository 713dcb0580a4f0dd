import type { Role } from '../../../shared/contract';
import { navItemsFor } from '../lib/navigation';
import { useRoute } from '../state/route-store';

/** Left navigation; entries a role may not use are not shown at all. */
export function NavBar({ role }: { role: Role }) {
  const page = useRoute((state) => state.page);
  const navigate = useRoute((state) => state.navigate);
  return (
    <nav className="nav" aria-label="Main">
      <ul>
        {navItemsFor(role).map((item) => (
          <li key={item.id}>
            <a
              href={`#/${item.id}`}
              aria-current={item.id === page ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(item.id);
              }}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
