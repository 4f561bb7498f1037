import { type FormEvent, useState } from 'react';
import { createAnnotations } from '../api/client.js';
import type { ScoreValue } from '../api/types.js';
import { ErrorBox } from '../components/error-box.js';

const AUTHOR_KEY = 'sextant.author';
const SCORE_TYPES = ['none', 'number', 'label', 'boolean'] as const;
type ScoreType = (typeof SCORE_TYPES)[number];

function storedAuthor(): string {
  try {
    return window.localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The score as the API takes it, or a message saying what is wrong with it. */
export function scoreOf(
  type: ScoreType,
  name: string,
  raw: string,
): { name: string; value: ScoreValue } | string | null {
  if (type === 'none') return null;
  if (name.trim() === '') return 'A score needs a name.';
  if (type === 'number') {
    const value = Number(raw);
    return raw.trim() === '' || !Number.isFinite(value)
      ? 'The score must be a number.'
      : { name: name.trim(), value };
  }
  if (type === 'boolean') return { name: name.trim(), value: raw === 'true' };
  return raw.trim() === '' ? 'The label is empty.' : { name: name.trim(), value: raw.trim() };
}

/** Splits `a, b ,c` into distinct tags. */
export function tagsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

/** Annotates a trace, or one span of it, as a person (`source: human`). */
export function AnnotationForm(props: {
  project: string;
  traceId: string;
  spanId: string | null;
  onCreated(): void;
}) {
  const { project, traceId, spanId, onCreated } = props;
  const [scoreType, setScoreType] = useState<ScoreType>('none');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '');
    const author = field('author').trim();
    const score = scoreOf(scoreType, field('scoreName'), field('scoreValue'));
    if (author === '') return setProblem('Say who you are (the author).');
    if (typeof score === 'string') return setProblem(score);
    setProblem(null);
    setError(null);
    setSaving(true);
    try {
      window.localStorage.setItem(AUTHOR_KEY, author);
      await createAnnotations(project, {
        targets: [spanId === null ? { traceId } : { traceId, spanId }],
        author,
        text: field('text'),
        tags: tagsOf(field('tags')),
        ...(score === null ? {} : { score }),
        source: 'human',
      });
      form.reset();
      setScoreType('none');
      onCreated();
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="annotation-form"
      onSubmit={submit}
      aria-label={spanId ? 'Annotate this span' : 'Annotate this trace'}
    >
      <textarea
        name="text"
        aria-label="Note"
        placeholder="What did you notice? (e.g. picked the wrong tool)"
        rows={2}
      />
      <div className="form-row">
        <input name="author" aria-label="Author" placeholder="your name" defaultValue={storedAuthor()} />
        <input name="tags" aria-label="Tags" placeholder="tags, comma separated" />
      </div>
      <div className="form-row">
        <select
          aria-label="Score type"
          value={scoreType}
          onChange={(event) => setScoreType(event.target.value as ScoreType)}
        >
          <option value="none">No score</option>
          <option value="number">Numeric score</option>
          <option value="label">Label</option>
          <option value="boolean">Pass / fail</option>
        </select>
        {scoreType !== 'none' && <input name="scoreName" aria-label="Score name" placeholder="quality" />}
        {(scoreType === 'number' || scoreType === 'label') && (
          <input
            name="scoreValue"
            aria-label="Score value"
            placeholder={scoreType === 'number' ? '0.8' : 'hallucination'}
            inputMode={scoreType === 'number' ? 'decimal' : 'text'}
          />
        )}
        {scoreType === 'boolean' && (
          <select name="scoreValue" aria-label="Score value">
            <option value="true">pass (true)</option>
            <option value="false">fail (false)</option>
          </select>
        )}
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Add annotation'}
        </button>
      </div>
      {problem && (
        <p className="form-problem" role="alert">
          {problem}
        </p>
      )}
      {error && <ErrorBox error={error} />}
    </form>
  );
}
