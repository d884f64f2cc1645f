import { describe, expect, it } from 'vitest';
import { previewView } from '../../src/ui/components/settings/tier-preview-view';

describe('previewView', () => {
  const stored = [
    { id: 't0', name: '普通会员' },
    { id: 't1', name: '银卡' },
    { id: 't2', name: '金卡' },
    { id: 'gone', name: '钻石卡' },
  ];
  // As edited: 银卡 renamed, 钻石卡 removed, a new tier without an id.
  const rows = [
    { id: 't0', name: '普通会员' },
    { id: 't1', name: ' 银卡会员 ' },
    { id: 't2', name: '金卡' },
    { name: '黑卡' },
  ];

  it('names origins by their edited row (stored name when removed) and destinations by index; ups first', () => {
    expect(
      previewView(
        {
          membersChecked: 40,
          up: 7,
          down: 4,
          moves: [
            { fromTierId: 't2', toIndex: 1, toTierId: 't1', direction: 'down', immediate: false, members: 3 },
            { fromTierId: 't0', toIndex: 1, toTierId: 't1', direction: 'up', immediate: true, members: 5 },
            {
              fromTierId: 'gone',
              toIndex: 2,
              toTierId: 't2',
              direction: 'down',
              immediate: true,
              members: 1,
            },
            { fromTierId: 't2', toIndex: 3, toTierId: null, direction: 'up', immediate: true, members: 2 },
          ],
        },
        rows,
        stored,
      ),
    ).toEqual({
      checked: 40,
      up: 7,
      down: 4,
      moves: [
        { key: 't0>1', from: '普通会员', to: '银卡会员', count: 5, direction: 'up', immediate: true },
        { key: 't2>3', from: '金卡', to: '黑卡', count: 2, direction: 'up', immediate: true },
        { key: 't2>1', from: '金卡', to: '银卡会员', count: 3, direction: 'down', immediate: false },
        { key: 'gone>2', from: '钻石卡', to: '金卡', count: 1, direction: 'down', immediate: true },
      ],
    });
  });

  it('nothing to move', () => {
    expect(previewView({ membersChecked: 3, up: 0, down: 0, moves: [] }, rows, stored)).toEqual({
      checked: 3,
      up: 0,
      down: 0,
      moves: [],
    });
  });
});
