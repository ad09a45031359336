#!/usr/bin/env python3
"""Where the answers that miss go wrong, from the candidates ChatBot.Bench writes:

    dotnet run -c Release --project bench/ChatBot.Bench -- semantic ../shared/eval/squad-visible.json --dump FILE
    python3 bench/ChatBot.Bench/misses.py FILE

Ranks each question's first 20 candidates by BM25 with the committed mix (the words' evidence of
AnswerEngine.LexicalEvidence, its pairs included, with AnswerEngine.SpanWeight x the score of each quote's
likeliest answer, plus 0.6 x the cosine's z-score among them,
SemanticReranker.DefaultWeight), which
reproduces the quality bench's hit@1 and hit@5, and sorts the questions whose top quote (top five quotes) misses
the answer by why: a quote lower down has it, the passage has it outside its quote, no candidate has it. For an
answer outside the top quote, it counts whether any window of whole sentences within the quote limit holds both
the sentence the quote grows around and the answer's."""
import collections
import json
import sys

DEPTH = 20
MIX = 0.6
MAX_QUOTE = 500


PAIR_WEIGHT = 0.6
SPAN_WEIGHT = 0.2


def evidence(x, pairs=True, span=True):
    """The semantic mix's evidence: AnswerEngine.LexicalEvidence plus SpanWeight x the quote's likeliest answer's
    score; without the pairs (PairWeight) or the span score, the mixes before them."""
    words = 2.1 * x['window'] + 1.5 * x['passage'] + (0.58 if x['holds'] else 0) - 2.6 * x['missing']
    words += PAIR_WEIGHT * x.get('pairs', 0) if pairs else 0
    return words + (SPAN_WEIGHT * (x.get('span') or 0) if span else 0)


def ranked(question):
    c = sorted(question['candidates'], key=lambda x: -x['bm25'])[:DEPTH]
    known = [x['cosine'] for x in c if x['cosine'] is not None]
    if not known:
        return c
    mean = sum(known) / len(known)
    spread = max((sum((v - mean) ** 2 for v in known) / len(known)) ** .5, 0.01)
    score = lambda x: evidence(x) + MIX * ((x['cosine'] if x['cosine'] is not None else mean) - mean) / spread
    return sorted(c, key=lambda x: -score(x))


def answer_window(top):
    """Whether a window of whole sentences within the limit holds both the quote's best sentence and the answer's."""
    s = top['sentences']
    start, end = top['quoteStart'], top['quoteStart'] + top['quoteLength']
    inside = [i for i, x in enumerate(s) if x[0] >= start and x[1] <= end]
    gold = [i for i, x in enumerate(s) if x[4]]
    if not gold:
        return 'the answer runs across sentences'
    if not inside:
        return 'the quote is cut from one long sentence'
    best = max(inside, key=lambda i: s[i][2])
    fits = any(s[max(best, g)][1] - s[min(best, g)][0] <= MAX_QUOTE for g in gold)
    return 'a window holds both' if fits else 'no window holds both'


def main(path):
    questions = [json.loads(line) for line in open(path)]
    first, five, windows = collections.Counter(), collections.Counter(), collections.Counter()
    hit1 = hit5 = 0
    for q in questions:
        c = ranked(q)
        if c and c[0]['hit']:
            hit1 += 1
        elif not c:
            first['no candidates'] += 1
        elif c[0]['inPassage']:
            first['the top passage has it, outside its quote'] += 1
            windows[answer_window(c[0])] += 1
        elif any(x['hit'] for x in c):
            rank = next(i for i, x in enumerate(c) if x['hit']) + 1
            where = 'same article' if c[0]['source'] == c[rank - 1]['source'] else 'another article'
            first[f'a quote at rank {rank if rank < 5 else "5-20"} has it ({where} on top)'] += 1
        elif any(x['inPassage'] for x in c):
            first['a lower passage has it, outside its quote'] += 1
        else:
            first['no candidate holds it'] += 1

        if any(x['hit'] for x in c[:5]):
            hit5 += 1
        elif any(x['inPassage'] for x in c[:5]):
            five['a top-5 passage has it, outside its quote'] += 1
        elif any(x['hit'] for x in c):
            five['a quote at rank 6-20 has it'] += 1
        else:
            five['no quote of the 20 candidates has it'] += 1

    n = len(questions)
    print(f'{n} questions: hit@1 {hit1 / n:.4f}, hit@5 {hit5 / n:.4f}')
    for title, tally in (('top quote misses', first), ('top five quotes miss', five), ('answer outside the top quote', windows)):
        print(f'{title}:')
        for reason, count in tally.most_common():
            print(f'  {count:5d}  {count / n:.3f}  {reason}')


if __name__ == '__main__':
    main(sys.argv[1])
