import { render, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import type { SparkplugDevice } from '../../../src/shared/contract';
import { SparkplugMappingForm } from '../../../src/renderer/src/pages/admin/sparkplug/SparkplugMappingForm';

const device: SparkplugDevice = {
  groupId: 'Plant',
  edgeNodeId: 'Node-U',
  deviceId: 'Cell',
  lineId: null,
  machineId: null,
  metrics: [
    { name: 'Sensors/Temperature', datatype: 'Double', role: 'temperature' },
    {
      name: 'Report',
      datatype: 'File',
      role: 'extra',
      unread: {
        summary: 'File, "report.pdf", application/pdf, 2,048 bytes',
        seen: 3,
        lastAt: '2026-12-03T10:00:00.000Z',
      },
    },
  ],
  roles: {},
  firstSeenAt: '2026-12-03T09:00:00.000Z',
  lastSeenAt: '2026-12-03T10:00:00.000Z',
  mappedBy: null,
};

it('lists a metric whose values are not stored with its newest value, not as a meaning', () => {
  render(<SparkplugMappingForm device={device} onSaved={() => {}} onCancel={() => {}} />);
  const unread = screen.getByTestId('sparkplug-unread');
  expect(unread.textContent).toContain('Report');
  expect(unread.textContent).toContain('File, "report.pdf", application/pdf, 2,048 bytes');
  expect(unread.textContent).toContain('3 messages');
  // A meaning is offered for the readable metric only.
  expect(screen.getByLabelText('Meaning of Sensors/Temperature')).toBeTruthy();
  expect(screen.queryByLabelText('Meaning of Report')).toBeNull();
  expect(within(unread).queryByRole('combobox')).toBeNull();
});
