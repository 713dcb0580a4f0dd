import type { SparkplugMetricRole } from '../../../shared/contract/sparkplug-schemas';

/** Names read as a meaning when an admin set none (compared lower-case, last path level). */
const BY_NAME: Record<string, SparkplugMetricRole> = {
  temperature: 'temperature',
  temp: 'temperature',
  units_produced: 'units_produced',
  unitsproduced: 'units_produced',
  'units produced': 'units_produced',
  state: 'state',
  barcode: 'barcode',
  product_id: 'product_id',
  product: 'product_id',
  test_step: 'test_step',
  step: 'test_step',
  measured_value: 'measured_value',
  value: 'measured_value',
  unit: 'unit',
  operator: 'operator',
};

/** Sparkplug's own metrics: they run the session and mean nothing about the machine. */
export function isSessionMetric(name: string): boolean {
  return name === 'bdSeq' || name.startsWith('Node Control/') || name.startsWith('Properties/');
}

/**
 * Meanings already worked out, per roles object (a mapping read once per batch, never changed
 * after): every metric of every message asks, and the answer is always the same.
 */
const known = new WeakMap<object, Map<string, SparkplugMetricRole>>();

/** A metric's meaning: the admin's, else its name's, else an extra telemetry metric. */
export function roleOf(
  name: string,
  roles: Readonly<Record<string, SparkplugMetricRole>>,
): SparkplugMetricRole {
  let ofRoles = known.get(roles);
  if (!ofRoles) known.set(roles, (ofRoles = new Map()));
  let role = ofRoles.get(name);
  if (role === undefined) {
    role = meaningOf(name, roles);
    ofRoles.set(name, role);
  }
  return role;
}

function meaningOf(
  name: string,
  roles: Readonly<Record<string, SparkplugMetricRole>>,
): SparkplugMetricRole {
  if (isSessionMetric(name)) return 'ignore';
  const set = Object.hasOwn(roles, name) ? roles[name] : undefined;
  if (set) return set;
  const last = name.split('/').pop() ?? name;
  return BY_NAME[last.toLowerCase()] ?? 'extra';
}

/**
 * A Sparkplug metric name as a telemetry series name (letters first, then A-Z a-z 0-9 _ . -,
 * at most 64): `Sensors/Vibration` becomes `Sensors.Vibration`.
 */
export function extraMetricName(name: string): string {
  const plain = name.replace(/\//g, '.').replace(/[^A-Za-z0-9_.-]/g, '_');
  const lettered = /^[A-Za-z]/.test(plain) ? plain : `m_${plain}`;
  return lettered.slice(0, 64);
}
