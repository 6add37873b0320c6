import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { BusinessForm, type BusinessValues } from './BusinessForm';

const initial: BusinessValues = {
  description: '',
  tags: ['food'],
  categories: [],
  businessOwner: { name: '', email: '' },
  technicalOwner: { name: '', email: '' },
  visibility: 'PUBLIC',
  visibleRoles: [],
  subscriptionTiers: ['Gold'],
};

describe('BusinessForm', () => {
  it('sends lists split from their text and the chosen tiers and roles', async () => {
    const onSubmit = vi.fn();
    render(<BusinessForm initial={initial} tiers={['Gold', 'Silver']} knownCategories={[]} onSubmit={onSubmit} errors={{ fields: {}, banner: null }} submitting={false} />);
    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Tags'));
    await user.type(screen.getByLabelText('Tags'), 'food, pizza ,');
    await user.type(screen.getByLabelText('Categories'), 'Retail');
    await user.click(screen.getByLabelText('Silver'));
    await user.selectOptions(screen.getByLabelText('Visibility'), 'RESTRICTED');
    await user.click(screen.getByLabelText('subscriber'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        tags: ['food', 'pizza'],
        categories: ['Retail'],
        subscriptionTiers: ['Gold', 'Silver'],
        visibility: 'RESTRICTED',
        visibleRoles: ['subscriber'],
      }),
    );
  });

  it('shows the server error next to the offered tiers', () => {
    render(
      <BusinessForm
        initial={initial}
        tiers={['Gold']}
        knownCategories={[]}
        onSubmit={vi.fn()}
        errors={{ fields: { subscriptionTiers: 'a published API must offer at least one subscription tier' }, banner: null }}
        submitting={false}
      />,
    );
    expect(screen.getByTestId('field-error-subscriptionTiers')).toHaveTextContent('at least one');
  });
});
