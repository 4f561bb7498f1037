// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FilterBar } from '../../src/traces/filter-bar.js';

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, '', '/traces?project=prod&service=api&range=1h'));

const search = () => new URLSearchParams(window.location.search);

describe('FilterBar', () => {
  it('starts from the filters in the URL', () => {
    render(<FilterBar services={['api', 'worker']} />);
    expect((screen.getByRole('combobox', { name: 'Service' }) as HTMLSelectElement).value).toBe('api');
  });

  it('writes a search into the URL, keeping the project and the time range', () => {
    render(<FilterBar services={['api', 'worker']} />);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Full-text search' }), {
      target: { value: ' "order status" ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(search().get('text')).toBe('"order status"');
    expect(search().get('project')).toBe('prod');
    expect(search().get('range')).toBe('1h');
    expect(search().get('service')).toBe('api');
  });

  it('applies a choice at once, and clears every filter', () => {
    render(<FilterBar services={['api', 'worker']} />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Span type' }), { target: { value: 'llm' } });
    expect(search().get('spanType')).toBe('llm');
    fireEvent.click(screen.getByRole('button', { name: /Clear 2 filters/ }));
    expect(search().has('spanType')).toBe(false);
    expect(search().has('service')).toBe(false);
    expect(search().get('project')).toBe('prod');
  });

  it('writes attribute conditions as repeated parameters, leaving out empty ones', () => {
    render(<FilterBar services={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'More filters' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Attribute condition 1' }), {
      target: { value: 'gen_ai.usage.input_tokens>=1000' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add a condition' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add a condition' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Attribute condition 3' }), {
      target: { value: 'app.tier=gold' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Min duration' }), { target: { value: '2s' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(search().getAll('attr')).toEqual(['gen_ai.usage.input_tokens>=1000', 'app.tier=gold']);
    expect(search().get('minDuration')).toBe('2s');
  });
});
