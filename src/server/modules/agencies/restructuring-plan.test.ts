import { describe, expect, it } from 'vitest';
import {
  buildRestructuringPlan,
  findCompletedAssignments,
  type PlanAgency,
  type PlanAssignment,
  type RestructuringState,
  validateRestructuring,
} from './restructuring-plan';

const agency = (id: string, name: string, validTo: string | null = null): PlanAgency => ({
  id,
  name,
  shortName: null,
  kind: 'ministry',
  parentId: null,
  code: null,
  validFrom: null,
  validTo,
});

const assignment = (id: string, agencyId: string, taskId: string, role = 'lead'): PlanAssignment => ({
  id,
  taskId,
  agencyId,
  role,
  viaGroup: null,
  taskText: `Nhiệm vụ ${taskId}`,
});

function mergeState(overrides: Partial<RestructuringState> = {}): RestructuringState {
  return {
    kind: 'merge',
    effectiveOn: '2025-03-01',
    predecessorIds: ['tnmt', 'nnptnt'],
    successorIds: ['nnmt'],
    predecessors: new Map([
      ['tnmt', agency('tnmt', 'Bộ Tài nguyên và Môi trường')],
      ['nnptnt', agency('nnptnt', 'Bộ Nông nghiệp và Phát triển nông thôn')],
    ]),
    successors: new Map([
      ['nnmt', { ...agency('nnmt', 'Bộ Nông nghiệp và Môi trường'), validFrom: '2025-03-01', isNew: true }],
    ]),
    newParentId: null,
    newParent: null,
    transferRule: null,
    assignments: [
      assignment('a1', 'tnmt', 't1'),
      assignment('a2', 'tnmt', 't2'),
      assignment('a3', 'nnptnt', 't3', 'coordinator'),
    ],
    completedIds: new Set(['a2']),
    users: [{ id: 'u1', loginName: 'bc.tnmt', displayName: 'Cán bộ', agencyId: 'tnmt' }],
    predecessorAliases: new Map([['tnmt', [{ alias: 'Bộ TN&MT', folded: 'bo tn mt', kind: 'abbreviation' }]]]),
    successorAliasKeys: new Map(),
    ...overrides,
  };
}

describe('validateRestructuring', () => {
  it('accepts a merge of two ministries into a new one', () => {
    expect(validateRestructuring(mergeState())).toEqual([]);
  });

  it('refuses a predecessor already closed before the effective date and a merge of one into a new agency', () => {
    const problems = validateRestructuring(
      mergeState({
        predecessorIds: ['tnmt'],
        predecessors: new Map([['tnmt', agency('tnmt', 'Bộ Tài nguyên và Môi trường', '2025-01-31')]]),
      }),
    );
    expect(problems).toEqual([
      'Bộ Tài nguyên và Môi trường không còn hoạt động vào ngày 2025-02-28 (ngày trước ngày hiệu lực).',
      'Một cơ quan chuyển thành một cơ quan mới là đổi tên, không phải hợp nhất.',
    ]);
  });

  it('needs a new parent for a move and at least two successors for a split', () => {
    expect(validateRestructuring(mergeState({ kind: 'move', predecessorIds: ['tnmt'] }))).toContain(
      'Chuyển trực thuộc: cần chọn cơ quan cấp trên mới.',
    );
    expect(validateRestructuring(mergeState({ kind: 'split', predecessorIds: ['tnmt'] }))).toEqual([
      'Chia tách: cần ít nhất hai cơ quan kế thừa.',
    ]);
  });
});

describe('buildRestructuringPlan', () => {
  it('moves open assignments and accounts to the successor, keeps completed work, carries the old names', () => {
    const plan = buildRestructuringPlan(mergeState());
    expect(plan.lastDay).toBe('2025-02-28');
    const [tnmt, nnptnt] = plan.perPredecessor;
    expect(tnmt?.transfers.get('nnmt')?.map((a) => a.id)).toEqual(['a1']);
    expect(tnmt?.completed.map((a) => a.id)).toEqual(['a2']);
    expect(nnptnt?.transfers.get('nnmt')?.map((a) => a.id)).toEqual(['a3']);
    expect(plan.userMoves).toEqual([{ user: expect.objectContaining({ id: 'u1' }), toAgencyId: 'nnmt' }]);
    expect(plan.aliases.map((a) => `${a.kind}:${a.alias}`)).toEqual([
      'official-name:Bộ Nông nghiệp và Môi trường',
      'former-name:Bộ Tài nguyên và Môi trường',
      'former-name:Bộ Nông nghiệp và Phát triển nông thôn',
    ]);
  });

  it('in a split, sends each open assignment to the successor named for it and leaves accounts in place', () => {
    const plan = buildRestructuringPlan(
      mergeState({
        kind: 'split',
        predecessorIds: ['tnmt'],
        successorIds: ['s1', 's2'],
        successors: new Map([
          ['s1', { ...agency('s1', 'Bộ Một'), isNew: true }],
          ['s2', { ...agency('s2', 'Bộ Hai'), isNew: true }],
        ]),
        assignments: [assignment('a1', 'tnmt', 't1'), assignment('a4', 'tnmt', 't4'), assignment('a5', 'tnmt', 't5')],
        completedIds: new Set(),
        transferRule: { byAssignment: { a4: 1 } },
      }),
    );
    const [only] = plan.perPredecessor;
    expect(only?.transfers.get('s2')?.map((a) => a.id)).toEqual(['a4']);
    expect(only?.untransferred.map((a) => a.id)).toEqual(['a1', 'a5']);
    expect(plan.userMoves).toEqual([]);
    expect(plan.usersStaying.map((u) => u.id)).toEqual(['u1']);
    expect(plan.aliases.map((a) => a.kind)).toEqual(['official-name', 'official-name']);
  });
});

describe('findCompletedAssignments', () => {
  const assignments = [
    assignment('lead-bkhcn', 'bkhcn', 't1'),
    assignment('lead-btc', 'btc', 't1'),
    assignment('coord-btc', 'btc', 't1', 'coordinator'),
    assignment('lead-t2', 'btc', 't2'),
    assignment('lead-t3', 'btc', 't3'),
  ];
  const leads = [
    { assignmentId: 'lead-bkhcn', taskId: 't1', agencyId: 'bkhcn', agencyName: 'Bộ Khoa học và Công nghệ' },
    { assignmentId: 'lead-btc', taskId: 't1', agencyId: 'btc', agencyName: 'Bộ Tài chính' },
    { assignmentId: 'lead-t2', taskId: 't2', agencyId: 'btc', agencyName: 'Bộ Tài chính' },
    { assignmentId: 'lead-t3', taskId: 't3', agencyId: 'btc', agencyName: 'Bộ Tài chính' },
  ];

  it('reads "Đơn vị chưa hoàn thành" per lead, a completed status cell for the whole task, the latest statement', () => {
    const completed = findCompletedAssignments({
      assignments,
      leads,
      facts: [
        // t1: BKHCN is listed as not done, so BTC (the other lead) completed; the coordinator stays open.
        {
          taskId: 't1',
          listId: 'pl02',
          kind: 'unitsNotCompleted',
          value: ['Bộ Khoa học và Công nghệ'],
          reportedOn: '2025-07-18',
          listTitle: null,
        },
        // t2: completed in June, then said to be in progress again in July: the later statement wins.
        {
          taskId: 't2',
          listId: 'pl01',
          kind: 'status',
          value: 'Đã hoàn thành',
          reportedOn: '2025-06-30',
          listTitle: null,
        },
        {
          taskId: 't2',
          listId: 'pl06',
          kind: 'status',
          value: 'Đang thực hiện',
          reportedOn: '2025-07-18',
          listTitle: null,
        },
        {
          taskId: 't3',
          listId: 'pl01',
          kind: 'status',
          value: 'Đã hoàn thành',
          reportedOn: '2025-06-30',
          listTitle: null,
        },
      ],
      acceptedCompleted: ['lead-t2', 'not-one-of-them'],
    });
    expect([...completed].sort()).toEqual(['lead-btc', 'lead-t2', 'lead-t3']);
  });
});
