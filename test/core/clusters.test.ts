/**
 * Claim clusters in the core, through dispatch, on a real SQLite file: candidates ranked on the
 * sample corpus, joining and leaving as steps of each claim's document's history (undo and redo
 * across a reopen), a deleted claim out of its cluster and back with undo, colleagues' layers
 * read-only, gold editable, and the comparison and corpus views' data.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AIN_AL_ASAD, ZUMMAR, tagIn } from '../support/clusters.ts';
import { assertHamishError, openCore, type OpenCore } from '../support/core.ts';
import { SEED_IDS } from '../support/fixtures.ts';

/** The three Zummar claims and the Ain al-Asad one, each with a card (location, date) where the text gives them. */
function corpus(core: OpenCore) {
  const zummar = ZUMMAR.map(({ document, claim, date, location }) => {
    const id = tagIn(core, document, claim, 'claim');
    core.call('linkRole', { claim: id, role: 'location', span: tagIn(core, document, location, 'location') });
    core.call('linkRole', { claim: id, role: 'date', span: tagIn(core, document, date, 'date') });
    return id;
  });
  const ainAlAsad = tagIn(core, AIN_AL_ASAD.document, AIN_AL_ASAD.claim, 'claim');
  core.call('linkRole', { claim: ainAlAsad, role: 'location', span: tagIn(core, AIN_AL_ASAD.document, AIN_AL_ASAD.location, 'location') });
  // Other claims, so that the weights have a corpus to be learned from.
  const others = [
    [SEED_IDS[0]!, 'مقاتلة تابعة للتحالف الدولي دمرت قاذفة صواريخ في العراق'],
    [SEED_IDS[1]!, 'أُطلقت طائرتان مسيرتان على قاعدة عين الأسد'],
    [SEED_IDS[2]!, 'شاحنة صغيرة تحمل منصة إطلاق صواريخ على ظهرها كانت متوقفة في بلدة زمار على الحدود مع سوريا'],
  ].map(([document, claim]) => tagIn(core, document!, claim!, 'claim'));
  return { zummar: zummar as [number, number, number], ainAlAsad, others };
}

test('the Zummar claim of 000 ranks 002 and 004 above 001\'s Ain al-Asad claim, with its reasons', () => {
  const core = openCore();
  const { zummar, ainAlAsad, others } = corpus(core);
  const ranked = core.call('clusterCandidates', { spanId: zummar[0] });
  const ids = ranked.map((c) => c.claim);
  assert.ok(!ids.includes(zummar[0]), 'a claim is not its own candidate');
  const at = (id: number) => (ids.includes(id) ? ids.indexOf(id) : Infinity);
  assert.deepEqual(ids.slice(0, 2).sort(), [zummar[1], zummar[2]].sort(), `002 and 004 first: ${JSON.stringify(ranked.map((c) => [c.claim, c.score]))}`);
  assert.ok(at(ainAlAsad) > at(zummar[2]), '001 below');
  const first = ranked.find((c) => c.claim === zummar[1])!;
  assert.equal(first.document.id, SEED_IDS[2]);
  assert.equal(first.sameDocument, false);
  assert.equal(first.text, ZUMMAR[1].claim);
  assert.equal(first.cluster, null);
  const words = first.reasons.find((r) => r.kind === 'terms');
  assert.ok(words && words.kind === 'terms');
  // The words as 002 writes them: خمسة matches 000's 5.
  for (const word of ['خمسة', 'صواريخ', 'زمار', 'سوريا']) assert.ok(words.words.includes(word), `${word} shared: ${words.words.join(' ')}`);
  assert.deepEqual(
    first.reasons.filter((r) => r.kind !== 'terms'),
    [
      { kind: 'location', text: 'زمار' },
      { kind: 'date', text: 'الأحد' },
    ],
    'the same place and day on both cards',
  );
  assert.ok(!ranked.find((c) => c.claim === zummar[2])!.reasons.some((r) => r.kind === 'date'), '004 says Monday night');
  // The same document's claims come after every other document's.
  const own = ranked.findIndex((c) => c.sameDocument);
  assert.equal(ranked[own]?.claim, others[0]);
  assert.ok(ranked.slice(own).every((c) => c.sameDocument));
  assert.equal(core.call('clusterCandidates', { spanId: zummar[0], limit: 1 }).length, 1);
  core.close();
});

test('the index follows changes: a new claim is a candidate at once, a deleted one is not', () => {
  const core = openCore();
  const { zummar } = corpus(core);
  const before = core.call('clusterCandidates', { spanId: zummar[0] }).map((c) => c.claim);
  const third = tagIn(core, SEED_IDS[3]!, 'إطلاق 5 صواريخ على الأقل من بلدة زمار العراقية باتجاه قاعدة عسكرية أمريكية في شمال شرق سوريا', 'claim');
  const after = core.call('clusterCandidates', { spanId: zummar[0] }).map((c) => c.claim);
  assert.ok(!before.includes(third));
  assert.ok(after.indexOf(third) >= 0 && after.indexOf(third) < 3, '003 says it in nearly the same words');
  core.call('undo', { documentId: SEED_IDS[3]! });
  assert.ok(!core.call('clusterCandidates', { spanId: zummar[0] }).some((c) => c.claim === third), 'undo takes it away');
  core.call('redo', { documentId: SEED_IDS[3]! });
  assert.ok(core.call('clusterCandidates', { spanId: zummar[0] }).some((c) => c.claim === third), 'redo brings it back');
  core.call('deleteSpan', { id: third });
  assert.ok(!core.call('clusterCandidates', { spanId: zummar[0] }).some((c) => c.claim === third));
  // Another connection's change (a CLI import, say) is seen too.
  const other = openCore({ file: core.file });
  const fourth = tagIn(other, SEED_IDS[3]!, 'إطلاق 5 صواريخ على الأقل من بلدة زمار العراقية', 'claim');
  other.close();
  assert.ok(core.call('clusterCandidates', { spanId: zummar[0] }).some((c) => c.claim === fourth), 'tagged by another connection');
  assertHamishError(() => core.call('clusterCandidates', { spanId: third }), 'not_found', /no span/);
  const location = core.call('openDocument', { id: SEED_IDS[0]! }).spans.find((s) => s.label === 'location')!;
  assertHamishError(() => core.call('clusterCandidates', { spanId: location.id }), 'invalid_input', /not a claim/);
  core.close();
});

test('joining makes a cluster; a third joins it; each change is undone in its own document, also after a reopen', () => {
  const core = openCore();
  const { zummar } = corpus(core);
  const [a, b, c] = zummar;
  const made = core.call('joinCluster', { spanId: a, withSpanId: b });
  assert.match(made.id, /^[A-Za-z0-9_-]{8}$/);
  assert.deepEqual(made.members.map((m) => m.claim).sort(), [a, b].sort());
  const grown = core.call('joinCluster', { spanId: c, withSpanId: a });
  assert.equal(grown.id, made.id, 'the third joins the cluster the other is in');
  assert.deepEqual(grown.members.map((m) => m.document.id), [SEED_IDS[0], SEED_IDS[2], SEED_IDS[4]]);
  assert.equal(core.call('joinCluster', { spanId: c, withSpanId: b }).id, made.id, 'joining again changes nothing');
  const card = (doc: string) => core.call('openDocument', { id: doc }).cards.find((x) => x.claim === zummar[ZUMMAR.findIndex((z) => z.document === doc)]);
  assert.equal(card(SEED_IDS[4]!)?.cluster, made.id, 'the card shows its cluster');
  assert.equal(core.call('clusterCandidates', { spanId: a }).find((x) => x.claim === c)?.cluster, made.id);

  // 004's joining is a step of 004's history, after a reopen too.
  core.close();
  const again = openCore({ file: core.file });
  const step = again.call('undo', { documentId: SEED_IDS[4]! });
  assert.equal(step?.cards?.[0]?.card?.cluster, undefined, 'undo takes 004 out');
  assert.deepEqual(again.call('cluster', { clusterId: made.id }).members.map((m) => m.claim).sort(), [a, b].sort());
  again.call('redo', { documentId: SEED_IDS[4]! });
  assert.equal(again.call('cluster', { clusterId: made.id }).members.length, 3);
  // Undoing 000's joining leaves 002 and 004 together; undoing 002's leaves 004 alone: no cluster.
  again.call('undo', { documentId: SEED_IDS[0]! });
  assert.deepEqual(again.call('cluster', { clusterId: made.id }).members.map((m) => m.claim).sort(), [b, c].sort());
  again.call('undo', { documentId: SEED_IDS[2]! });
  assertHamishError(() => again.call('cluster', { clusterId: made.id }), 'not_found', /no cluster/);
  assert.deepEqual(again.call('clusters', {}), []);
  again.close();
});

test('leaving, refusing to merge two clusters, and a deleted claim out of its cluster until undo', () => {
  const core = openCore();
  const { zummar, ainAlAsad, others } = corpus(core);
  const [a, b, c] = zummar;
  const one = core.call('joinCluster', { spanId: a, withSpanId: b }).id;
  const two = core.call('joinCluster', { spanId: ainAlAsad, withSpanId: others[1]! }).id;
  assert.notEqual(one, two);
  assertHamishError(() => core.call('joinCluster', { spanId: a, withSpanId: ainAlAsad }), 'invalid_input', /take one out of its cluster first/);
  assertHamishError(() => core.call('joinCluster', { spanId: a, withSpanId: a }), 'invalid_input', /cannot join itself/);
  assert.equal(core.call('clusters', {}).length, 2);
  assert.deepEqual(core.call('clusters', { documentId: SEED_IDS[1]! }).map((x) => x.id), [two]);

  core.call('joinCluster', { spanId: c, withSpanId: a });
  const left = core.call('leaveCluster', { spanId: c });
  assert.equal(left.left, one);
  assert.deepEqual(left.cluster?.members.map((m) => m.claim).sort(), [a, b].sort());
  assertHamishError(() => core.call('leaveCluster', { spanId: c }), 'invalid_input', /in no cluster/);

  // Deleting 002's claim leaves 000's alone; undo brings the cluster back.
  core.call('deleteSpan', { id: b });
  assert.deepEqual(core.call('clusters', {}).map((x) => x.id), [two]);
  core.call('undo', { documentId: SEED_IDS[2]! });
  assert.deepEqual(core.call('cluster', { clusterId: one }).members.map((m) => m.claim).sort(), [a, b].sort());
  core.close();
});

test("a colleague's clusters are read, not changed; gold's are changed by anyone", () => {
  const core = openCore();
  const { zummar } = corpus(core);
  const id = core.call('joinCluster', { spanId: zummar[0], withSpanId: zummar[1] }).id;
  core.call('setAnnotator', { name: 'colleague' });
  assert.deepEqual(core.call('clusters', {}), [], 'their own layer is empty');
  assert.equal(core.call('clusters', { annotator: 'test-analyst' })[0]?.id, id);
  assert.equal(core.call('cluster', { clusterId: id, annotator: 'test-analyst' }).annotator, 'test-analyst');
  assertHamishError(() => core.call('joinCluster', { spanId: zummar[2], withSpanId: zummar[0] }), 'invalid_input', /belongs to another annotator/);
  assertHamishError(() => core.call('leaveCluster', { spanId: zummar[0] }), 'invalid_input', /belongs to another annotator/);

  const g1 = tagIn(core, ZUMMAR[0].document, ZUMMAR[0].claim, 'claim', 'gold');
  const g2 = tagIn(core, ZUMMAR[1].document, ZUMMAR[1].claim, 'claim', 'gold');
  const gold = core.call('joinCluster', { spanId: g1, withSpanId: g2, layer: 'gold' });
  assert.equal(gold.annotator, 'gold');
  assert.equal(core.call('clusters', { annotator: 'gold' })[0]?.id, gold.id);
  assertHamishError(() => core.call('joinCluster', { spanId: g1, withSpanId: zummar[0], layer: 'gold' }), 'invalid_input', /another annotator/);
  core.close();
});

test('the comparison view marks the roles where members differ; the matrix has a column per document', () => {
  const core = openCore();
  const { zummar } = corpus(core);
  core.call('joinCluster', { spanId: zummar[0], withSpanId: zummar[1] });
  const agreeing = core.call('joinCluster', { spanId: zummar[1], withSpanId: zummar[0] });
  assert.deepEqual(agreeing.differs, { stance: false, sources: false, via: false, locations: false, dates: false }, 'both say Zummar, Sunday');
  const cluster = core.call('joinCluster', { spanId: zummar[2], withSpanId: zummar[0] });
  assert.deepEqual(cluster.differs, { stance: false, sources: false, via: false, locations: false, dates: true }, '004 says Monday night');
  const member = cluster.members.find((m) => m.claim === zummar[2])!;
  assert.deepEqual(member.dates.map((d) => d.text), ['ليلة الاثنين']);
  assert.deepEqual(member.locations.map((d) => d.text), ['زمار']);
  assert.equal(member.stance, 'asserted');
  core.call('setStance', { claim: zummar[2], stance: 'hedged' });
  assert.equal(core.call('cluster', { clusterId: cluster.id }).differs.stance, true);

  const matrix = core.call('clusterMatrix', {});
  assert.deepEqual(matrix.documents.map((d) => d.id), [SEED_IDS[0], SEED_IDS[2], SEED_IDS[4]]);
  assert.equal(matrix.rows.length, 1);
  assert.equal(matrix.rows[0]!.title, ZUMMAR[0].claim);
  assert.deepEqual(matrix.rows[0]!.cells.map((cell) => cell.map((x) => x.stance)), [['asserted'], ['asserted'], ['hedged']]);
  assert.deepEqual(core.call('clusterMatrix', { annotator: 'nobody-yet' }), { annotator: 'nobody-yet', documents: [], rows: [] });
  core.close();
});
