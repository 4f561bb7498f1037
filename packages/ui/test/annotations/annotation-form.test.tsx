// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnnotationForm, scoreOf, tagsOf } from '../../src/annotations/annotation-form.js';

afterEach(cleanup);

describe('annotation fields', () => {
  it('reads a score of each type, and says what is wrong with a bad one', () => {
    expect(scoreOf('none', '', '')).toBeNull();
    expect(scoreOf('number', ' quality ', '0.25')).toEqual({ name: 'quality', value: 0.25 });
    expect(scoreOf('number', 'quality', 'high')).toBe('The score must be a number.');
    expect(scoreOf('number', 'quality', ' ')).toBe('The score must be a number.');
    expect(scoreOf('label', 'verdict', ' hallucination ')).toEqual({
      name: 'verdict',
      value: 'hallucination',
    });
    expect(scoreOf('label', 'verdict', '42')).toEqual({ name: 'verdict', value: '42' });
    expect(scoreOf('boolean', 'passed', 'false')).toEqual({ name: 'passed', value: false });
    expect(scoreOf('boolean', ' ', 'true')).toBe('A score needs a name.');
  });

  it('splits tags on commas, once each', () => {
    expect(tagsOf(' regression, wrong tool ,regression,, ')).toEqual(['regression', 'wrong tool']);
    expect(tagsOf('')).toEqual([]);
  });
});

describe('AnnotationForm', () => {
  it('asks for an author before sending anything', () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const onCreated = vi.fn();
    render(
      <AnnotationForm
        project="default"
        traceId="5b8efff798038103d269b633813fc60c"
        spanId={null}
        onCreated={onCreated}
      />,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Author' }), { target: { value: ' ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add annotation' }));
    expect(screen.getByRole('alert').textContent).toBe('Say who you are (the author).');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(onCreated).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
});
