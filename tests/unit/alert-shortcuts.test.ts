import { describe, expect, it } from 'vitest';
import { alertShortcut, moveSelection } from '../../src/renderer/src/lib/alert-shortcuts';
import { clampLineIndex, nextLineIndex } from '../../src/renderer/src/lib/wall-cycle';

const press = (
  key: string,
  modifiers: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...modifiers,
});
const onPage = { tagName: 'BODY', isContentEditable: false, inAlertList: false };
const inList = { tagName: 'DIV', isContentEditable: false, inAlertList: true };

describe('alert list shortcuts', () => {
  it('maps j/k, a and s anywhere on the page', () => {
    expect(alertShortcut(press('j'), onPage)).toBe('next');
    expect(alertShortcut(press('K'), onPage)).toBe('previous');
    expect(alertShortcut(press('a'), onPage)).toBe('acknowledge');
    expect(alertShortcut(press('s'), null)).toBe('shelve');
    expect(alertShortcut(press('x'), onPage)).toBeNull();
  });

  it('takes the arrow keys only inside the list, so the page still scrolls', () => {
    expect(alertShortcut(press('ArrowDown'), inList)).toBe('next');
    expect(alertShortcut(press('ArrowUp'), inList)).toBe('previous');
    expect(alertShortcut(press('ArrowDown'), onPage)).toBeNull();
  });

  it('never fires while typing or with a modifier', () => {
    for (const tagName of ['INPUT', 'textarea', 'SELECT']) {
      expect(alertShortcut(press('a'), { ...onPage, tagName })).toBeNull();
    }
    expect(alertShortcut(press('j'), { ...onPage, isContentEditable: true })).toBeNull();
    expect(alertShortcut(press('a', { ctrlKey: true }), onPage)).toBeNull();
    expect(alertShortcut(press('j', { metaKey: true }), onPage)).toBeNull();
  });

  it('moves the selection and stops at the ends', () => {
    const alerts = [{ id: 7 }, { id: 3 }, { id: 9 }];
    expect(moveSelection(alerts, null, 1)).toEqual({ id: 7 });
    expect(moveSelection(alerts, 7, 1)).toEqual({ id: 3 });
    expect(moveSelection(alerts, 9, 1)).toEqual({ id: 9 });
    expect(moveSelection(alerts, 7, -1)).toEqual({ id: 7 });
    expect(moveSelection([], null, 1)).toBeNull();
  });
});

describe('wall mode cycling', () => {
  it('goes round the lines and copes with lines vanishing', () => {
    expect([0, 1, 2].map((i) => nextLineIndex(i, 3))).toEqual([1, 2, 0]);
    expect(nextLineIndex(0, 0)).toBe(0);
    expect(clampLineIndex(4, 2)).toBe(1);
    expect(clampLineIndex(-1, 2)).toBe(0);
    expect(clampLineIndex(3, 0)).toBe(0);
  });
});
