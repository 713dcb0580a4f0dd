// The frame's styles before those of anything inside it.
import './app-frame.css';
import type { ReactNode } from 'react';
import { usePlant } from '../state/plant-store';

/** The centred panel of setup, login and lock screens, with the product and plant name. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  const plantName = usePlant((state) => state.plantName);
  return (
    <main className="auth-screen">
      <section className="auth-card" aria-labelledby="auth-title">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Linewatch{plantName && <span className="brand-plant"> · {plantName}</span>}
        </p>
        <h1 id="auth-title">{title}</h1>
        {children}
      </section>
    </main>
  );
}
