import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

interface PageErrorBoundaryProps {
  /** What the page is called, for the message ("The Overview page failed"). */
  pageName: string;
  children: ReactNode;
}

interface PageErrorBoundaryState {
  error: Error | null;
  /** Bumped by "Reload this page": a new key mounts the page afresh, so it loads again. */
  attempt: number;
}

/**
 * Catches a page that throws while it renders (a broken chart, bad data), so only that page
 * shows a message: the top bar, the navigation and the alarm banner live outside it and stay.
 * The app frame gives each page its own boundary (keyed by page), so moving to another page
 * starts clean. React has already logged the error to the console when this renders.
 */
export class PageErrorBoundary extends Component<PageErrorBoundaryProps, PageErrorBoundaryState> {
  override state: PageErrorBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<PageErrorBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Where it broke, beside React's own log line: the component stack names the chart.
    console.error(`The ${this.props.pageName} page failed`, error, info.componentStack);
  }

  private readonly reload = (): void => {
    this.setState((state) => ({ error: null, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, attempt } = this.state;
    if (!error) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    return (
      <section className="message message-error" role="alert" data-testid="page-error">
        <p>
          The {this.props.pageName} page stopped working: {error.message || 'unknown error'}. The
          rest of Linewatch still works.
        </p>
        <button type="button" className="button-primary" onClick={this.reload}>
          Reload this page
        </button>
      </section>
    );
  }
}
