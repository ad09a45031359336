#!/usr/bin/env python3
"""What a quote in two parts would catch, from the candidates ChatBot.Bench writes:

    dotnet run -c Release --project bench/ChatBot.Bench -- semantic ../shared/eval/squad-visible.json --dump FILE
    python3 bench/ChatBot.Bench/quote-parts.py FILE

Ranks each question's candidates as misses.py does (the committed mix) and rebuilds each of the top five quotes
from its passage's sentences (their share of the question, whether they hold a candidate answer of the kind asked
and a gold answer, as the dump gives them) under two rules, counting a hit when a sentence of the quote holds a gold
answer: the window (the best sentence widened with whole neighbours within 500 characters, QuoteSelector's Widen),
and the parts (QuoteSelector.SecondPart: when none of the window's other sentences covers any of the question
but another sentence does, the best sentence and the best of those that fits, each widened, joined by " … ").
Prints hit@1 and hit@5 under each rule, on the even articles, the odd ones and all."""
import json
import sys

import misses

MAX_QUOTE = 500
SEPARATOR = 3  # " … "
BONUS = 0.2    # QuoteSelector.AnswerSentenceBonus


def scores(question, candidate):
    bonus = 0.0 if question['kind'] == 'None' else BONUS
    return [s[2] + (bonus if s[2] > 0 and s[3] else 0) for s in candidate['sentences']]


def best_of(sc):
    best, value = 0, -1.0
    for i, v in enumerate(sc):
        if v > value + 1e-9:
            best, value = i, v
    return best


def widen(s, sc, first, last):
    while True:
        follow = last + 1 < len(s) and s[last + 1][1] - s[first][0] <= MAX_QUOTE
        precede = first > 0 and s[last][1] - s[first - 1][0] <= MAX_QUOTE
        if follow and (not precede or sc[last + 1] >= sc[first - 1]):
            last += 1
        elif precede:
            first -= 1
        else:
            return first, last


def length(s, chosen):
    runs = []
    for i in sorted(chosen):
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return sum(s[b][1] - s[a][0] for a, b in runs) + SEPARATOR * (len(runs) - 1)


def window(question, candidate):
    s = candidate['sentences']
    sc = scores(question, candidate)
    best = best_of(sc)
    first, last = widen(s, sc, best, best)
    return None if s[last][1] - s[first][0] > MAX_QUOTE else set(range(first, last + 1))


def parts(question, candidate):
    inside = window(question, candidate)
    if inside is None:
        return None
    s = candidate['sentences']
    sc = scores(question, candidate)
    best = best_of(sc)
    if any(sc[i] > 0 for i in inside if i != best):
        return inside
    others = sorted((i for i in range(len(s)) if i not in inside and sc[i] > 0), key=lambda i: -sc[i])
    second = next((i for i in others if length(s, {best, i}) <= MAX_QUOTE), None)
    if second is None:
        return inside
    chosen = {best, second}
    while True:
        near = sorted({j for i in chosen for j in (i - 1, i + 1) if 0 <= j < len(s) and j not in chosen}, key=lambda j: (-sc[j], -j))
        grow = next((j for j in near if length(s, chosen | {j}) <= MAX_QUOTE), None)
        if grow is None:
            return chosen
        chosen.add(grow)


def hit(candidate, chosen):
    return candidate['hit'] if chosen is None else any(candidate['sentences'][i][4] for i in chosen)


def main(path):
    questions = [json.loads(line) for line in open(path)]
    for rule in (window, parts):
        figures = []
        for half in (0, 1, None):
            n = hit1 = hit5 = 0
            for q in questions:
                if half is not None and q['article'] % 2 != half:
                    continue
                n += 1
                hits = [hit(x, rule(q, x) if x['sentences'] else None) for x in misses.ranked(q)[:5]]
                hit1 += bool(hits and hits[0])
                hit5 += any(hits)
            figures.append(f'{("even", "odd", "all")[2 if half is None else half]} {hit1 / n:.4f} / {hit5 / n:.4f}')
        print(f'{rule.__name__:7s} hit@1 / hit@5: ' + ', '.join(figures))


if __name__ == '__main__':
    main(sys.argv[1])
