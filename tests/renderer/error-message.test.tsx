import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorMessage } from '../../src/renderer/src/components/ErrorMessage';

describe('ErrorMessage', () => {
  it('shows nothing without an error', () => {
    const { container } = render(<ErrorMessage error={null} />);
    expect(container.innerHTML).toBe('');
  });

  it('lists the fields to correct, named for people, instead of the server summary', () => {
    render(
      <ErrorMessage
        error={{
          code: 'INVALID_INPUT',
          message: 'Invalid request',
          issues: [{ path: 'limits.upperLimit', message: 'must be above the lower limit' }],
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Please correct the following:');
    expect(alert.textContent).toContain('Upper limit: must be above the lower limit');
    expect(alert.textContent).not.toContain('Invalid request');
  });
});
