#!/usr/bin/env python3
"""Whether the question's words standing together in a passage would rank it better, measured offline on the
candidates ChatBot.Bench writes (they carry each passage's text):

    dotnet run -c Release --project bench/ChatBot.Bench -- semantic ../shared/eval/squad-visible.json --dump FILE
    python3 bench/ChatBot.Bench/proximity.py FILE

Two features per candidate, from a rough analysis (lower case, a few English suffixes cut, a short stop list; not
the index's analyzer): pairs, the largest share of the question's consecutive content-word pairs that one
sentence has in the question's order, at most one word apart; and density, for the sentence where it is highest,
the share of the question's content words the sentence has times how closely they stand (distinct words over
the shortest run of tokens that holds them all). Each is added to the mix without the pairs AnswerEngine now
counts (misses.py, its PairWeight chosen here) with a weight;
the grid prints hit@1 and hit@5 on the even and the odd articles, so a weight read off one half can be checked
on the other."""
import json
import re
import sys

from misses import DEPTH, MIX, evidence

STOP = set(('a an the of in on at to for by with from and or is are was were be been being what which who whom whose '
            'when where why how did do does that this these those it its as into than then there their they he she '
            'his her him i you we our your not no can could would should will shall may might must has have had '
            'many much').split())


def stem(word):
    for suffix in ('ing', 'edly', 'ed', 'es', 's', 'ly'):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[:-len(suffix)]
    return word


def tokens(text):
    return [stem(w) for w in re.findall(r'[a-z0-9]+', text.lower())]


def shortest_run(positions, needed):
    """The fewest tokens a run must span to hold every one of the `needed` distinct words at `positions`."""
    counts, held, left, best = {}, 0, 0, None
    for right, (index, word) in enumerate(positions):
        counts[word] = counts.get(word, 0) + 1
        held += counts[word] == 1
        while held == needed:
            span = index - positions[left][0] + 1
            best = span if best is None else min(best, span)
            gone = positions[left][1]
            counts[gone] -= 1
            held -= counts[gone] == 0
            left += 1
    return best


def features(question, text, sentences):
    content = [w for w in tokens(question) if w not in STOP]
    pairs, words = set(zip(content, content[1:])), set(content)
    best_pairs = best_density = 0.0
    for start, end, *_ in sentences:
        words_here = tokens(text[start:end])
        found = {(w, words_here[i + j]) for i, w in enumerate(words_here) for j in (1, 2)
                 if i + j < len(words_here) and (w, words_here[i + j]) in pairs}
        if pairs:
            best_pairs = max(best_pairs, len(found) / len(pairs))
        positions = [(i, w) for i, w in enumerate(words_here) if w in words]
        distinct = len({w for _, w in positions})
        if distinct >= 2:
            best_density = max(best_density, distinct / len(words) * distinct / shortest_run(positions, distinct))
    return best_pairs, best_density


def z_scores(values):
    known = [v for v in values if v is not None]
    mean = sum(known) / len(known)
    spread = max((sum((v - mean) ** 2 for v in known) / len(known)) ** .5, 0.01)
    return [((v if v is not None else mean) - mean) / spread for v in values]


def score(questions, pair_weight, density_weight):
    hit1 = hit5 = 0
    for c, base, pairs, density in questions:
        s = [base[i] + pair_weight * pairs[i] + density_weight * density[i] for i in range(len(c))]
        order = sorted(range(len(c)), key=lambda i: -s[i])
        hit1 += c[order[0]]['hit']
        hit5 += any(c[i]['hit'] for i in order[:5])
    return f'{hit1 / len(questions):.4f} / {hit5 / len(questions):.4f}'


def main(path):
    halves = ([], [])
    for line in open(path):
        q = json.loads(line)
        c = sorted(q['candidates'], key=lambda x: -x['bm25'])[:DEPTH]
        if not c:
            continue
        cosines = z_scores([x['cosine'] for x in c]) if any(x['cosine'] is not None for x in c) else [0] * len(c)
        base = [evidence(x, pairs=False, span=False) + MIX * cosines[i] for i, x in enumerate(c)]
        f = [features(q['question'], x['text'], x['sentences']) for x in c]
        halves[q['article'] % 2].append((c, base, [p for p, _ in f], [d for _, d in f]))
    print('pairs  density  even hit@1 / hit@5  odd hit@1 / hit@5')
    for pair_weight in (0, 0.2, 0.4, 0.6, 1.0):
        for density_weight in (0, 0.2, 0.5, 1.0):
            print(f'{pair_weight:5.1f}  {density_weight:7.1f}  {score(halves[0], pair_weight, density_weight):>18}  '
                  f'{score(halves[1], pair_weight, density_weight):>17}')


if __name__ == '__main__':
    main(sys.argv[1])
