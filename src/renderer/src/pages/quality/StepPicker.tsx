import { SelectField } from '../../components/SelectField';
import type { StepChoice } from './use-capability';

interface StepPickerProps {
  choices: readonly StepChoice[];
  choice: StepChoice | null;
  onChange: (choice: StepChoice) => void;
}

/**
 * Product, then one of its test steps; changing the product takes its first step. Two fields
 * for the section's filter bar.
 */
export function StepPicker({ choices, choice, onChange }: StepPickerProps) {
  const products = [...new Set(choices.map((item) => item.productId))];
  const steps = choices.filter((item) => item.productId === choice?.productId);
  return (
    <>
      <SelectField
        label="Product"
        value={choice?.productId ?? ''}
        options={products.map((product) => ({ value: product, label: product }))}
        disabled={products.length === 0}
        onChange={(productId) => {
          const first = choices.find((item) => item.productId === productId);
          if (first) onChange(first);
        }}
      />
      <SelectField
        label="Test step"
        value={choice?.testStep ?? ''}
        options={steps.map((item) => ({ value: item.testStep, label: item.testStep }))}
        disabled={steps.length === 0}
        onChange={(testStep) => {
          if (choice) onChange({ productId: choice.productId, testStep });
        }}
      />
    </>
  );
}
